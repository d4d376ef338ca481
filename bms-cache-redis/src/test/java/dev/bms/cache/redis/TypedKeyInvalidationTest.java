package dev.bms.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.spi.cache.KeyCodec;
import dev.bms.spi.cache.KeyedCache;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Near caches with typed (UUID) keys: invalidations carry the encoded key and are decoded on receipt. */
class TypedKeyInvalidationTest {
  record Job(UUID id, String name) {}

  private static final KeyCodec<UUID> UUIDS = KeyCodec.of(UUID::toString, UUID::fromString);

  private final String prefix = TestRedis.uniquePrefix();
  private RedisCacheProvider a;
  private RedisCacheProvider b;
  private KeyedCache<UUID, Job> jobsOnA;
  private KeyedCache<UUID, Job> jobsOnB;

  @BeforeEach
  void twoInstances() {
    a = TestRedis.provider(prefix);
    b = TestRedis.provider(prefix);
    jobsOnA = a.keyedCache("jobs", 1000, Duration.ofMinutes(10), UUIDS);
    jobsOnB = b.keyedCache("jobs", 1000, Duration.ofMinutes(10), UUIDS);
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    TestRedis.deleteKeys(TestRedis.ADDRESS, prefix);
  }

  @Test
  void invalidatingATypedKeyOnOneInstanceDropsItOnTheOther() {
    UUID id = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    jobsOnB.get(id, k -> new Job(k, "payroll"));
    jobsOnB.put(other, new Job(other, "kept"));

    jobsOnA.invalidate(UUID.fromString(id.toString())); // an equal key, not the same instance

    await().atMost(Duration.ofSeconds(2)).until(() -> jobsOnB.getIfPresent(id).isEmpty());
    assertThat(jobsOnB.getIfPresent(other)).contains(new Job(other, "kept"));
  }

  @Test
  void aTypedPutAndPutAllDropTheKeysOnTheOtherInstance() {
    UUID put = UUID.randomUUID();
    UUID warmed = UUID.randomUUID();
    // B loaded the old values (a load sends nothing, so A hears nothing back)
    jobsOnB.get(put, k -> new Job(k, "old"));
    jobsOnB.get(warmed, k -> new Job(k, "old"));

    jobsOnA.put(put, new Job(put, "new"));
    Map<UUID, Job> warm = new LinkedHashMap<>();
    warm.put(warmed, new Job(warmed, "new"));
    jobsOnA.putAll(warm);

    await().atMost(Duration.ofSeconds(2))
        .until(() -> jobsOnB.getIfPresent(put).isEmpty() && jobsOnB.getIfPresent(warmed).isEmpty());
    assertThat(jobsOnA.getIfPresent(warmed)).contains(new Job(warmed, "new"));
  }

  @Test
  void aHitReturnsTheStoredOptionalWithoutWrappingIt() {
    UUID id = UUID.randomUUID();
    Optional<Job> first = jobsOnA.get(id, k -> new Job(k, "x"));
    assertThat(jobsOnA.getIfPresent(id)).isSameAs(first);
    assertThat(jobsOnA.get(id, k -> {
      throw new AssertionError("loader called on a hit");
    })).isSameAs(first);
  }

  @Test
  void aKeyTheCodecCannotReadClearsTheWholeCache() {
    try (RedisCacheProvider stringly = TestRedis.provider(prefix)) {
      KeyedCache<String, Job> jobsAsText = stringly.keyedCache("jobs", 10, Duration.ofMinutes(1), KeyCodec.identity());
      UUID id = UUID.randomUUID();
      jobsOnB.put(id, new Job(id, "held"));

      jobsAsText.invalidate("not-a-uuid");

      await().atMost(Duration.ofSeconds(2)).until(() -> jobsOnB.estimatedSize() == 0);
    }
  }
}
