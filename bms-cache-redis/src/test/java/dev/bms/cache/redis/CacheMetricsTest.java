package dev.bms.cache.redis;

import dev.bms.spi.cache.KeyedCache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.spi.cache.KeyCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheMetricsTest {
  private final String prefix = TestRedis.uniquePrefix();
  private final SimpleMeterRegistry metricsOfA = new SimpleMeterRegistry();
  private final SimpleMeterRegistry metricsOfB = new SimpleMeterRegistry();
  private final RedisCacheProvider a = TestRedis.provider(TestRedis.ADDRESS, prefix, metricsOfA);
  private final RedisCacheProvider b = TestRedis.provider(TestRedis.ADDRESS, prefix, metricsOfB);

  @AfterEach
  void close() {
    a.close();
    b.close();
    TestRedis.deleteKeys(TestRedis.ADDRESS, prefix);
  }

  private static double count(MeterRegistry registry, String name) {
    return registry.get(name).tag("cache", "jobs").counter().count();
  }

  @Test
  void hitsAndMissesAreCounted() {
    KeyedCache<String, String> jobs = a.keyedCache("jobs", 100, Duration.ofMinutes(1), KeyCodec.identity());

    jobs.get("k", key -> "v");       // miss, loads
    jobs.get("k", key -> "other");   // hit
    jobs.getIfPresent("k");          // hit
    jobs.getIfPresent("absent");     // miss
    jobs.get("null", key -> null);   // miss, loads nothing

    assertThat(count(metricsOfA, "bms.cache.hits")).isEqualTo(2);
    assertThat(count(metricsOfA, "bms.cache.misses")).isEqualTo(3);
    assertThat(metricsOfA.get("bms.cache.size").tag("cache", "jobs").gauge().value()).isEqualTo(1);
  }

  @Test
  void evictionsCountSizeEvictionsButNotInvalidations() {
    KeyedNearCache<String, String> jobs =
        (KeyedNearCache<String, String>) a.<String, String>keyedCache("jobs", 2, Duration.ofMinutes(1), KeyCodec.identity());
    for (int i = 0; i < 5; i++) {
      jobs.put("k" + i, "v" + i);
    }
    jobs.cleanUp();
    assertThat(count(metricsOfA, "bms.cache.evictions")).isEqualTo(3);

    jobs.invalidateAll();
    jobs.cleanUp();
    assertThat(jobs.estimatedSize()).isZero();
    assertThat(count(metricsOfA, "bms.cache.evictions")).isEqualTo(3);
  }

  @Test
  void invalidationsAreCountedOnBothSidesPerMessage() {
    KeyedCache<String, String> jobsOnA = a.keyedCache("jobs", 100, Duration.ofMinutes(1), KeyCodec.identity());
    KeyedCache<String, String> jobsOnB = b.keyedCache("jobs", 100, Duration.ofMinutes(1), KeyCodec.identity());

    jobsOnA.put("k1", "v1");                                    // 1 message
    jobsOnA.invalidate("k1");                                   // 2
    jobsOnA.putAll(java.util.Map.of("k2", "v2", "k3", "v3"));   // 3: one batch
    jobsOnA.invalidateAll();                                    // 4
    jobsOnB.invalidate("k9");                                   // B -> A: 1

    await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
      assertThat(count(metricsOfA, "bms.cache.invalidations.sent")).isEqualTo(4);
      assertThat(count(metricsOfB, "bms.cache.invalidations.received")).isEqualTo(4);
      assertThat(count(metricsOfB, "bms.cache.invalidations.sent")).isEqualTo(1);
      assertThat(count(metricsOfA, "bms.cache.invalidations.received")).isEqualTo(1);
    });
    assertThat(count(metricsOfA, "bms.cache.redis.errors")).isZero();
    assertThat(count(metricsOfB, "bms.cache.redis.errors")).isZero();
  }
}
