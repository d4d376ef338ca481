package dev.bms.plugins.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-03T02:00:00Z"), ZoneOffset.UTC);
  private final RetryDelays delays = new RetryDelays(Duration.ofMillis(500), Duration.ofSeconds(10));

  @Test
  void doublesFromInitialUpToMax() {
    assertThat(delays.afterAttempt(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(delays.afterAttempt(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(delays.afterAttempt(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(delays.afterAttempt(5)).isEqualTo(Duration.ofSeconds(8));
    assertThat(delays.afterAttempt(6)).isEqualTo(Duration.ofSeconds(10));
    assertThat(delays.afterAttempt(1_000)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void zeroInitialMeansNoWait() {
    assertThat(new RetryDelays(Duration.ZERO, Duration.ZERO).afterAttempt(7)).isEqualTo(Duration.ZERO);
  }

  @Test
  void honoursRetryAfterSecondsButCapsThem() {
    assertThat(delays.afterAttempt(1, Optional.of("3"), CLOCK)).isEqualTo(Duration.ofSeconds(3));
    assertThat(delays.afterAttempt(1, Optional.of(" 0 "), CLOCK)).isEqualTo(Duration.ZERO);
    assertThat(delays.afterAttempt(1, Optional.of("3600"), CLOCK)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void honoursRetryAfterHttpDate() {
    assertThat(delays.afterAttempt(1, Optional.of("Tue, 3 Mar 2026 02:00:04 GMT"), CLOCK)).isEqualTo(Duration.ofSeconds(4));
    assertThat(delays.afterAttempt(1, Optional.of("Tue, 3 Mar 2026 01:00:00 GMT"), CLOCK)).isEqualTo(Duration.ZERO);
  }

  @Test
  void ignoresUnparseableRetryAfter() {
    assertThat(delays.afterAttempt(2, Optional.of("soon"), CLOCK)).isEqualTo(Duration.ofSeconds(1));
    assertThat(delays.afterAttempt(2, Optional.of("-5"), CLOCK)).isEqualTo(Duration.ofSeconds(1));
    assertThat(delays.afterAttempt(2, Optional.empty(), CLOCK)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new RetryDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> delays.afterAttempt(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
