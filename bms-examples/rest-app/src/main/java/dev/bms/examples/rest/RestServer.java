package dev.bms.examples.rest;

import io.javalin.Javalin;
import java.net.URI;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API and dashboard over an embedded bms (Javalin on Jetty 12). {@link #start} builds bms
 * from the configuration, seeds sample data into an empty store, and serves the routes listed in
 * {@link Routes}.
 *
 * <p>Every response carries the security headers; every error is a JSON body (including 404, 405
 * and 413 for a body over {@value #MAX_REQUEST_BYTES} bytes); every endpoint but the login page,
 * static assets and the probes needs an API key (or the dashboard's session) with the role its
 * route names, and is rate limited per client.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RestServer.class);
  /** Largest request body accepted; larger ones get a JSON 413. */
  static final long MAX_REQUEST_BYTES = 64 * 1024;

  private final AppConfig config;
  private final BmsRuntime runtime;
  private final Javalin app;

  private RestServer(AppConfig config, BmsRuntime runtime, Javalin app) {
    this.config = config;
    this.runtime = runtime;
    this.app = app;
  }

  /** Starts bms (seeding an empty store) and the HTTP server. */
  public static RestServer start(AppConfig config) {
    Objects.requireNonNull(config, "config");
    BmsRuntime runtime = BmsRuntime.start(config);
    try {
      if (new SampleData(runtime.bms, runtime.clock, config.dataDir()).seedIfEmpty(config.seedDays())
          && config.sampleJobs() > 0) {
        new SampleFleet(runtime.bms, runtime.clock, config.dataDir()).seed(config.sampleJobs(), config.seedDays());
      }
      Javalin app = Javalin.create(javalin -> configure(javalin, config, runtime));
      app.start(config.host(), config.port());
      RestServer server = new RestServer(config, runtime, app);
      log.info("bms REST app listening on {} ({})", server.baseUri(), runtime.storageDescription);
      return server;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private static void configure(io.javalin.config.JavalinConfig javalin, AppConfig config, BmsRuntime runtime) {
    javalin.startup.showJavalinBanner = false;
    javalin.startup.showOldJavalinVersionWarning = false;
    javalin.http.maxRequestSize = MAX_REQUEST_BYTES;
    javalin.http.prefer405over404 = true;
    javalin.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
    javalin.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
    Routes.register(javalin.routes, config, runtime);
  }

  /** The embedded bms, its meter registry and clock (for tests and embedding code in this package). */
  BmsRuntime runtime() {
    return runtime;
  }

  /** The port it listens on (useful with port 0). */
  public int port() {
    return app.port();
  }

  /** {@code http://host:port}. */
  public URI baseUri() {
    return URI.create("http://" + (config.host().contains(":") ? "[" + config.host() + "]" : config.host()) + ":" + port());
  }

  /** Stops the HTTP server, then bms (running executions drain). */
  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      runtime.close();
    }
  }
}
