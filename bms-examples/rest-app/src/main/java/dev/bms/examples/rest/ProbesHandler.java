package dev.bms.examples.rest;

import dev.bms.api.BackupManager;
import dev.bms.api.health.ComponentHealth;
import dev.bms.api.health.Health;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The probes an orchestrator calls without credentials (Kubernetes liveness and readiness): they
 * say up or down and nothing else an anonymous caller could use. {@code /health} (with a key)
 * gives the details.
 *
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the process serves HTTP; restart it when this fails;</li>
 *   <li>{@code GET /health/ready}: 200 when bms's storage is up (bms can serve calls), 503 when it
 *       is not; a Redis outage does not make it unready (bms keeps working on local caches).</li>
 * </ul>
 */
final class ProbesHandler {
  private final BackupManager bms;

  ProbesHandler(BackupManager bms) {
    this.bms = bms;
  }

  record Probe(String status, Optional<Map<String, String>> components) {
  }

  void live(Context ctx) {
    Json.respond(ctx, 200, new Probe("UP", Optional.empty()));
  }

  void ready(Context ctx) {
    Health health;
    try {
      health = bms.health();
    } catch (RuntimeException e) {
      Json.respond(ctx, 503, new Probe("DOWN", Optional.empty()));
      return;
    }
    Map<String, String> components = new LinkedHashMap<>();
    components.put("storage", state(health.storage()));
    components.put("cache", state(health.cache()));
    components.put("scheduler", state(health.scheduler()));
    boolean ready = health.ready();
    Json.respond(ctx, ready ? 200 : 503, new Probe(ready ? "UP" : "DOWN", Optional.of(components)));
  }

  private static String state(ComponentHealth c) {
    return c.state().name();
  }
}
