package dev.bms.core.internal.approval;

import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores expired approval requests as EXPIRED: at most once a {@link #INTERVAL}, on the scheduler's
 * poller (with its other maintenance: lease reaping, RPO checks), every request still PENDING past its
 * expiry is moved to EXPIRED in storage ({@code ApprovalStore.expirePending}), so that listings by
 * stored status, dashboards and retention of the approvals table see it without anyone reading it
 * first. Reads already show such a request as EXPIRED, and approving it is refused either way.
 *
 * <p>It never runs a call: it moves only PENDING requests, with the same conditional update as a
 * decision, so a request approved before its expiry stays APPROVED and its call runs once (the
 * approval's own conditional update decides which of several instances runs it). Runs only when four-eyes
 * approval is on and the storage keeps approvals; a failure is logged and retried next time.
 */
@Singleton
public final class ApprovalExpiry {
  private static final Logger log = LoggerFactory.getLogger(ApprovalExpiry.class);
  /** How often pending requests are checked for expiry. */
  public static final Duration INTERVAL = Duration.ofMinutes(1);

  private final Storage storage;
  private final boolean enabled;
  private final Clock clock;
  private final MeterRegistry meters;
  private Instant next = Instant.MIN;

  @Inject
  public ApprovalExpiry(FourEyesSettings settings, Storage storage, Clock clock, MeterRegistry meters) {
    this.storage = storage;
    this.enabled = settings.policy().isPresent();
    this.clock = clock;
    this.meters = meters;
  }

  /** Moves expired pending requests to EXPIRED when the interval has passed; returns how many. */
  public synchronized int sweep() {
    if (!enabled || storage.approvals().isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    if (now.isBefore(next)) {
      return 0;
    }
    next = now.plus(INTERVAL);
    try {
      int moved = storage.approvals().get().expirePending(now);
      if (moved > 0) {
        Counter.builder("bms.approvals").description("Four-eyes approval requests held, approved, rejected, expired")
            .tag("event", "expired").register(meters).increment(moved);
        log.info("Marked {} approval request(s) EXPIRED: their approval window ended undecided", moved);
      }
      return moved;
    } catch (RuntimeException e) {
      log.warn("Marking expired approval requests failed; retried in {}: {}", INTERVAL, e.toString());
      return 0;
    }
  }
}
