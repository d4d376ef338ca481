package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final TokenBuckets buckets = new TokenBuckets(new RateLimit(3, 2), nanos::get);

  @Test
  void aBurstOfCapacityThenRefillAtTheRate() {
    assertThat(buckets.tryAcquire("a")).isZero();
    assertThat(buckets.tryAcquire("a")).isZero();
    assertThat(buckets.tryAcquire("a")).isZero();
    assertThat(buckets.tryAcquire("a")).isEqualTo(1); // empty: one token takes 0.5 s, rounded up
    nanos.addAndGet(500_000_000L);
    assertThat(buckets.tryAcquire("a")).isZero();
    assertThat(buckets.tryAcquire("a")).isEqualTo(1);
  }

  @Test
  void refillStopsAtCapacity() {
    for (int i = 0; i < 3; i++) {
      buckets.tryAcquire("a");
    }
    nanos.addAndGet(60_000_000_000L);
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.tryAcquire("a")).isZero();
    }
    assertThat(buckets.tryAcquire("a")).isPositive();
  }

  @Test
  void eachKeyHasItsOwnBucket() {
    for (int i = 0; i < 3; i++) {
      buckets.tryAcquire("a");
    }
    assertThat(buckets.tryAcquire("a")).isPositive();
    assertThat(buckets.tryAcquire("b")).isZero();
  }

  @Test
  void retryAfterCoversASlowRefill() {
    TokenBuckets slow = new TokenBuckets(new RateLimit(1, 0.1), nanos::get);
    assertThat(slow.tryAcquire("a")).isZero();
    assertThat(slow.tryAcquire("a")).isEqualTo(10);
  }
}
