package dev.bms.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.spi.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterRateLimiterTest {
  private final String prefix = TestRedis.uniquePrefix();
  private final RedisCacheProvider a = TestRedis.provider(prefix);
  private final RedisCacheProvider b = TestRedis.provider(prefix);

  @AfterEach
  void close() {
    a.close();
    b.close();
    TestRedis.deleteKeys(TestRedis.ADDRESS, prefix);
    assertThat(TestRedis.countKeys(TestRedis.ADDRESS, prefix)).isZero();
  }

  @Test
  void permitsPerIntervalAreSharedByAllInstances() {
    RateLimiter onA = a.rateLimiter("notifications", 3, Duration.ofSeconds(2));
    RateLimiter onB = b.rateLimiter("notifications", 3, Duration.ofSeconds(2));

    List<Boolean> granted = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      granted.add(onA.tryAcquire("job-1"));
      granted.add(onB.tryAcquire("job-1"));
    }
    assertThat(granted).containsExactly(true, true, true, false, false, false, false, false);
    // keys are independent
    assertThat(onB.tryAcquire("job-2")).isTrue();
    assertThat(TestRedis.countKeys(TestRedis.ADDRESS, prefix)).isPositive();

    // the next interval grants permits again
    await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100))
        .until(() -> onB.tryAcquire("job-1"));
  }

  @Test
  void limitersOfOtherNamesOrPrefixesDoNotShare() {
    String otherPrefix = TestRedis.uniquePrefix();
    try (RedisCacheProvider elsewhere = TestRedis.provider(otherPrefix)) {
      RateLimiter notifications = a.rateLimiter("notifications", 1, Duration.ofMinutes(1));
      RateLimiter reports = b.rateLimiter("reports", 1, Duration.ofMinutes(1));
      RateLimiter otherCluster = elsewhere.rateLimiter("notifications", 1, Duration.ofMinutes(1));

      assertThat(notifications.tryAcquire("k")).isTrue();
      assertThat(notifications.tryAcquire("k")).isFalse();
      assertThat(reports.tryAcquire("k")).isTrue();
      assertThat(otherCluster.tryAcquire("k")).isTrue();
    } finally {
      TestRedis.deleteKeys(TestRedis.ADDRESS, otherPrefix);
    }
  }
}
