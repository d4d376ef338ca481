package dev.bms.core.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T00:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  @Test
  void aRepeatedWarningIsLoggedOncePerIntervalPerKeyWithTheCountLeftOut() {
    Logger logger = (Logger) LoggerFactory.getLogger("rate-limited-test");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    RateLimitedLog log = new RateLimitedLog(logger, clock, Duration.ofHours(1));

    // the RPO check every minute for an hour and a bit, two jobs breaching
    for (int minute = 0; minute <= 61; minute++) {
      log.warn("job-a", "Job '{}' breaches its RPO", "a");
      log.warn("job-b", "Job '{}' breaches its RPO", "b");
      now.set(now.get().plus(Duration.ofMinutes(1)));
    }
    assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "Job 'a' breaches its RPO", "Job 'b' breaches its RPO",
        "Job 'a' breaches its RPO (59 repeats not logged)", "Job 'b' breaches its RPO (59 repeats not logged)");

    // the breach of a ended: its next one is logged at once
    log.reset("job-a");
    assertThat(log.warn("job-a", "Job '{}' breaches its RPO", "a")).isTrue();
    assertThat(log.warn("job-b", "Job '{}' breaches its RPO", "b")).isFalse();
    assertThat(appender.list).hasSize(5);
    logger.detachAppender(appender);
  }
}
