package dev.bms.examples.rest;

import dev.bms.api.BackupManager;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.PageRequest;
import dev.bms.cache.redis.RedisCacheProvider;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: UP (200) when bms answers a storage query; DOWN (503) when it does not.
 * Redis, when configured, is reported but does not make the app DOWN: bms keeps working on its
 * local caches while Redis is away.
 */
final class HealthHandler {
  private static final Logger log = LoggerFactory.getLogger(HealthHandler.class);

  private final BackupManager bms;
  private final Optional<RedisCacheProvider> redis;
  private final String storage;

  HealthHandler(BackupManager bms, Optional<RedisCacheProvider> redis, String storage) {
    this.bms = bms;
    this.redis = redis;
    this.storage = storage;
  }

  record Check(String status, Optional<Long> latencyMicros, Optional<String> detail) {
  }

  record Health(String status, Map<String, Check> checks) {
  }

  void get(Context ctx) {
    Map<String, Check> checks = new LinkedHashMap<>();
    long start = System.nanoTime();
    boolean up;
    try {
      bms.jobs().list(JobFilter.all(), PageRequest.first(1));
      checks.put("storage", new Check("UP", Optional.of((System.nanoTime() - start) / 1000), Optional.of(storage)));
      up = true;
    } catch (RuntimeException e) {
      log.warn("Health check: storage query failed", e);
      checks.put("storage", new Check("DOWN", Optional.empty(), Optional.of(storage + ": query failed")));
      up = false;
    }
    redis.ifPresent(r -> checks.put("redis", new Check(r.isRedisUp() ? "UP" : "DOWN", Optional.empty(),
        Optional.of(r.isRedisUp() ? "shared cache" : "unreachable; serving from local caches"))));
    Json.respond(ctx, up ? 200 : 503, new Health(up ? "UP" : "DOWN", checks));
  }
}
