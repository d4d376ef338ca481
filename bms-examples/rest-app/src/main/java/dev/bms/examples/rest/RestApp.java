package dev.bms.examples.rest;

import java.io.PrintStream;

/**
 * Starts the bms REST API and dashboard:
 *
 * <pre>
 * java -jar bms-examples/rest-app/target/bms-rest-app.jar [--port=8080] [--pg-url=jdbc:postgresql://...]
 * </pre>
 *
 * An empty store is seeded with sample jobs and two weeks of executions. Without configured API
 * keys ({@code --api-keys=name:role:secret,...}), one key per role is generated and printed once.
 */
public final class RestApp {
  private RestApp() {
  }

  public static void main(String[] args) {
    AppConfig config;
    try {
      config = AppConfig.from(System.getenv(), args);
    } catch (IllegalArgumentException e) {
      System.err.println("bms-rest-app: " + e.getMessage());
      System.exit(2);
      return;
    }
    RestServer server = RestServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bms-rest-shutdown"));
    PrintStream out = System.out;
    out.println();
    out.println("bms REST app on " + server.baseUri());
    out.println("  dashboard: " + server.baseUri() + "/dashboard (log in with a key below)");
    if (config.keysGenerated()) {
      out.println("  API keys generated for this run (set BMS_API_KEYS=name:role:secret,... to fix them):");
      config.apiKeys().forEach(k -> out.printf("    %-8s %-8s %s%n", k.name(), k.role().label(), k.secret()));
    }
    out.println("  try: curl -H 'X-API-Key: <key>' " + server.baseUri() + "/api/jobs");
  }
}
