package dev.bms.core.internal.audit;

import dev.bms.api.audit.AuditEntry;
import dev.bms.core.internal.Lifecycle;
import dev.bms.spi.storage.AuditStore;
import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit records to the storage's {@link AuditStore}, when it has one and the manager runs.
 * A record that cannot be written (storage down) is logged at ERROR with its operation, resource
 * and actor and counted in {@code bms.audit.append.failures}; the call it describes has already
 * happened and is not undone.
 */
@Singleton
public final class AuditTrail {
  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

  private final Storage storage;
  private final Lifecycle lifecycle;
  private final Clock clock;
  private final Counter failures;

  @Inject
  public AuditTrail(Storage storage, Lifecycle lifecycle, Clock clock, MeterRegistry meters) {
    this.storage = storage;
    this.lifecycle = lifecycle;
    this.clock = clock;
    this.failures = Counter.builder("bms.audit.append.failures")
        .description("Audit records that could not be written").register(meters);
  }

  /** Whether the manager runs (started, not closed). */
  boolean running() {
    return lifecycle.state() == Lifecycle.State.STARTED;
  }

  /** Whether calls are recorded now: the manager runs and the storage keeps an audit trail. */
  boolean recording() {
    return lifecycle.state() == Lifecycle.State.STARTED && storage.audit().isPresent();
  }

  Clock clock() {
    return clock;
  }

  /** Appends {@code entry}; a failure is logged and counted, never thrown. */
  void append(AuditEntry entry) {
    Optional<AuditStore> store = storage.audit();
    if (store.isEmpty()) {
      return;
    }
    try {
      store.get().append(entry);
    } catch (RuntimeException e) {
      failures.increment();
      log.error("Audit record not written: {} of {} {} by {} ({}): {}", entry.operation(), entry.resource().type(),
          entry.resource().id(), entry.actor().id(), entry.outcome(), e.toString());
    }
  }
}
