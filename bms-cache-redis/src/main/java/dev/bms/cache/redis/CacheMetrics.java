package dev.bms.cache.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The Micrometer meters of one near cache, all tagged {@code cache=<name>}. Invalidations are
 * counted per message: a {@code putAll} batch or an {@code invalidateAll} is one.
 */
final class CacheMetrics {
  final Counter hits;
  final Counter misses;
  final Counter evictions;
  final Counter invalidationsSent;
  final Counter invalidationsReceived;
  final Counter redisErrors;

  CacheMetrics(MeterRegistry registry, String cacheName) {
    Tags tags = Tags.of("cache", cacheName);
    hits = Counter.builder("bms.cache.hits").tags(tags)
        .description("near cache reads answered from memory").register(registry);
    misses = Counter.builder("bms.cache.misses").tags(tags)
        .description("near cache reads that found nothing (and called the loader, if any)").register(registry);
    evictions = Counter.builder("bms.cache.evictions").tags(tags)
        .description("entries dropped for size or age (not invalidations)").register(registry);
    invalidationsSent = Counter.builder("bms.cache.invalidations.sent").tags(tags)
        .description("invalidation messages Redis accepted").register(registry);
    invalidationsReceived = Counter.builder("bms.cache.invalidations.received").tags(tags)
        .description("invalidation messages applied from other instances").register(registry);
    redisErrors = redisErrors(registry, cacheName);
  }

  /** The Redis error counter for a cache or another user of Redis (a rate limiter). */
  static Counter redisErrors(MeterRegistry registry, String name) {
    return Counter.builder("bms.cache.redis.errors").tag("cache", name)
        .description("Redis operations that failed or were skipped because Redis was down (served locally)").register(registry);
  }
}
