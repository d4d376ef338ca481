package dev.bms.cache.redis;

import dev.bms.spi.cache.KeyCodec;
import dev.bms.spi.cache.KeyedCache;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two providers in one JVM stand for two bms instances sharing Redis and a key prefix. */
class CrossInstanceInvalidationTest {
  record Job(String id, String name) {}

  private final String prefix = TestRedis.uniquePrefix();
  private RedisCacheProvider a;
  private RedisCacheProvider b;
  private KeyedCache<String, Job> jobsOnA;
  private KeyedCache<String, Job> jobsOnB;

  @BeforeEach
  void twoInstances() {
    a = TestRedis.provider(prefix);
    b = TestRedis.provider(prefix);
    jobsOnA = a.keyedCache("jobs", 1000, Duration.ofMinutes(10), KeyCodec.identity());
    jobsOnB = b.keyedCache("jobs", 1000, Duration.ofMinutes(10), KeyCodec.identity());
  }

  /** A bound generous enough for a loaded CI machine; the wait ends as soon as the condition holds. */
  private static ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5));
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    TestRedis.deleteKeys(TestRedis.ADDRESS, prefix);
  }

  @Test
  void invalidationOnOneInstanceReachesTheOther() {
    // how quickly is measured by InvalidationBenchmark (bms-benchmarks), never in a unit test
    for (int i = 0; i < 20; i++) {
      String key = "job-" + i;
      Job job = new Job(key, "payroll " + i);
      assertThat(jobsOnB.get(key, k -> job)).contains(job);
      assertThat(jobsOnB.getIfPresent(key)).contains(job);

      jobsOnA.invalidate(key);
      await().until(() -> jobsOnB.getIfPresent(key).isEmpty());
    }
  }

  @Test
  void aPutOnOneInstanceDropsTheOldValueOnTheOther() {
    // B has the old value loaded from storage; A writes through the new one
    jobsOnB.get("j", k -> new Job("j", "old"));
    jobsOnA.put("j", new Job("j", "new"));

    await().until(() -> jobsOnB.getIfPresent("j").isEmpty());
    assertThat(jobsOnB.get("j", k -> new Job("j", "new"))).contains(new Job("j", "new"));
    assertThat(jobsOnA.getIfPresent("j")).contains(new Job("j", "new"));
  }

  @Test
  void invalidateAllReachesTheOtherInstanceAndLeavesOtherCachesAlone() {
    KeyedCache<String, String> namesOnB = b.keyedCache("names", 100, Duration.ofMinutes(1), KeyCodec.identity());
    namesOnB.put("x", "kept");
    jobsOnB.put("1", new Job("1", "one"));
    jobsOnB.put("2", new Job("2", "two"));

    jobsOnA.invalidateAll();

    await().until(() -> jobsOnB.estimatedSize() == 0);
    assertThat(namesOnB.getIfPresent("x")).contains("kept");
  }

  @Test
  void warmingWithPutAllMakesTheFirstReadAHit() {
    Map<String, Job> jobs = new HashMap<>();
    for (int i = 0; i < 900; i++) { // two messages of at most 500 keys, within the cache size
      jobs.put("job-" + i, new Job("job-" + i, "n" + i));
    }
    jobsOnB.get("job-7", k -> new Job("job-7", "stale"));

    jobsOnA.putAll(jobs);

    assertThat(jobsOnA.get("job-1", k -> {
      throw new AssertionError("loader called after warming");
    })).contains(jobs.get("job-1"));
    assertThat(jobsOnA.estimatedSize()).isEqualTo(900);
    // the warm-up also told B to drop what it held for those keys
    await().until(() -> jobsOnB.getIfPresent("job-7").isEmpty());
  }

  @Test
  void anInstanceIgnoresItsOwnMessagesAndOtherPrefixes() {
    String otherPrefix = TestRedis.uniquePrefix();
    try (RedisCacheProvider elsewhere = TestRedis.provider(otherPrefix);
         RedisCacheProvider elsewhereToo = TestRedis.provider(otherPrefix)) {
      KeyedCache<String, Job> jobsElsewhere = elsewhere.keyedCache("jobs", 10, Duration.ofMinutes(1), KeyCodec.identity());
      KeyedCache<String, Job> jobsElsewhereToo = elsewhereToo.keyedCache("jobs", 10, Duration.ofMinutes(1),
          KeyCodec.identity());
      jobsElsewhere.put("j", new Job("j", "other cluster"));
      jobsElsewhere.get("marker", k -> new Job(k, "marker"));
      jobsOnA.get("k", k -> new Job("k", "a"));
      jobsOnB.put("j", new Job("j", "b"));
      jobsOnB.put("k", new Job("k", "b"));
      // A dropping k proves Redis took B's message about k ...
      await().until(() -> jobsOnA.getIfPresent("k").isEmpty());

      // ... so B receives it before A's next message, and Redisson hands B its messages in arrival
      // order: once B applied A's invalidation of j, it has had its own message about k (and ignored it)
      jobsOnA.invalidate("j");
      await().until(() -> jobsOnB.getIfPresent("j").isEmpty());
      assertThat(jobsOnB.getIfPresent("k")).isPresent();

      // the same on the other prefix: its own marker arrives after A's message would have
      jobsElsewhereToo.invalidate("marker");
      await().until(() -> jobsElsewhere.getIfPresent("marker").isEmpty());
      assertThat(jobsElsewhere.getIfPresent("j")).contains(new Job("j", "other cluster"));
    }
  }

  @Test
  void aLoaderReturningNullCachesNothing() {
    assertThat(jobsOnA.get("missing", k -> null)).isEmpty();
    assertThat(jobsOnA.estimatedSize()).isZero();
  }
}
