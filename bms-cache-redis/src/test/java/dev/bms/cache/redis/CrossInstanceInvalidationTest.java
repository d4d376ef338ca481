package dev.bms.cache.redis;

import dev.bms.spi.cache.KeyCodec;
import dev.bms.spi.cache.KeyedCache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  @AfterEach
  void close() {
    a.close();
    b.close();
    TestRedis.deleteKeys(TestRedis.ADDRESS, prefix);
  }

  @Test
  void invalidationOnOneInstanceReachesTheOtherQuickly() {
    List<Long> delaysMicros = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String key = "job-" + i;
      Job job = new Job(key, "payroll " + i);
      assertThat(jobsOnB.get(key, k -> job)).contains(job);
      assertThat(jobsOnB.getIfPresent(key)).contains(job);

      long start = System.nanoTime();
      jobsOnA.invalidate(key);
      while (jobsOnB.getIfPresent(key).isPresent()) {
        if (System.nanoTime() - start > Duration.ofSeconds(5).toNanos()) {
          throw new AssertionError("B still serves " + key + " 5 s after A invalidated it");
        }
        Thread.onSpinWait();
      }
      delaysMicros.add((System.nanoTime() - start) / 1_000);
    }
    List<Long> sorted = new ArrayList<>(delaysMicros);
    Collections.sort(sorted);
    long median = sorted.get(sorted.size() / 2);
    System.out.printf("invalidation delay A -> B over %d tries: median %d µs, min %d µs, max %d µs%n",
        sorted.size(), median, sorted.get(0), sorted.get(sorted.size() - 1));
    assertThat(median).as("median invalidation delay in µs").isLessThan(100_000);
  }

  @Test
  void aPutOnOneInstanceDropsTheOldValueOnTheOther() {
    // B has the old value loaded from storage; A writes through the new one
    jobsOnB.get("j", k -> new Job("j", "old"));
    jobsOnA.put("j", new Job("j", "new"));

    await().atMost(Duration.ofSeconds(2)).until(() -> jobsOnB.getIfPresent("j").isEmpty());
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

    await().atMost(Duration.ofSeconds(2)).until(() -> jobsOnB.estimatedSize() == 0);
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
    await().atMost(Duration.ofSeconds(2)).until(() -> jobsOnB.getIfPresent("job-7").isEmpty());
  }

  @Test
  void anInstanceIgnoresItsOwnMessagesAndOtherPrefixes() throws InterruptedException {
    try (RedisCacheProvider elsewhere = TestRedis.provider(TestRedis.uniquePrefix())) {
      KeyedCache<String, Job> jobsElsewhere = elsewhere.keyedCache("jobs", 10, Duration.ofMinutes(1), KeyCodec.identity());
      jobsElsewhere.put("j", new Job("j", "other cluster"));
      jobsOnB.put("j", new Job("j", "b"));
      jobsOnB.put("k", new Job("k", "b"));

      jobsOnA.invalidate("j");
      await().atMost(Duration.ofSeconds(2)).until(() -> jobsOnB.getIfPresent("j").isEmpty());
      // B's own put of k was not echoed back to drop k, and the other prefix heard nothing
      Thread.sleep(100);
      assertThat(jobsOnB.getIfPresent("k")).isPresent();
      assertThat(jobsElsewhere.getIfPresent("j")).contains(new Job("j", "other cluster"));
    }
  }

  @Test
  void aLoaderReturningNullCachesNothing() {
    assertThat(jobsOnA.get("missing", k -> null)).isEmpty();
    assertThat(jobsOnA.estimatedSize()).isZero();
  }
}
