package dev.bms.core.internal.audit;

import dev.bms.api.audit.AuditEntry;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.core.internal.Lifecycle;
import dev.bms.core.internal.tx.AfterCommit;
import dev.bms.spi.storage.AuditStore;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.TransactionScope;
import dev.bms.api.StorageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit records to the storage's {@link AuditStore}, when it has one and the manager runs.
 *
 * <p>When the storage has a {@link TransactionScope}, the record of a successful call of a
 * {@linkplain #joint joint} operation is appended in the transaction of the call's change
 * ({@link #appendInTransaction}): if it cannot be written the change rolls back and the call fails.
 * Any other record (refusals, failures, operations with effects outside the database, storages without
 * the scope) is appended in its own transaction after the call ({@link #append}); one that cannot be
 * written is logged at ERROR with its operation, resource and actor and counted in
 * {@code bms.audit.append.failures}, and the call it describes is not undone.
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

  /**
   * Operations whose change cannot share a transaction with its record, because their effect reaches
   * outside the database or takes minutes: they run plugins or write, read or delete bytes on targets
   * and restore destinations (which no rollback undoes), or rebuild every rollup in many transactions.
   * Their record is appended right after the call, in its own transaction.
   */
  static final Set<String> OUTSIDE_THE_TRANSACTION = Set.of("executions.runNow", "verifications.verify",
      "retention.apply", "restores.restore", "reports.rebuildRollups",
      // commits PENDING -> APPROVED first, then runs the held call, which records itself
      "approvals.approve");

  /**
   * Whether a successful call of {@code operation} and its record are written in one transaction: the
   * storage has a {@link TransactionScope} and the operation's effects are all in the database.
   */
  boolean joint(String operation) {
    return storage.transactions().isPresent() && !OUTSIDE_THE_TRANSACTION.contains(operation);
  }

  /**
   * Job {@code id} as stored, read in this thread's joint transaction once (see
   * {@link AfterCommit#readOnce}): the job service's own read of it in the call returns the same.
   */
  Optional<Job> storedJob(JobId id) {
    return AfterCommit.readOnce(id, () -> storage.jobs().find(id));
  }

  /** Runs {@code work} in the storage's ambient transaction (see {@link #joint}). */
  <T> T inTransaction(Supplier<T> work) {
    return storage.transactions().orElseThrow().inTransaction(work);
  }

  /**
   * Appends {@code entry} in the ambient transaction of the change it describes.
   *
   * @throws StorageException when it cannot be written: the caller rolls the change back
   */
  void appendInTransaction(AuditEntry entry) {
    try {
      storage.audit().orElseThrow().append(entry);
    } catch (RuntimeException e) {
      failures.increment();
      log.error("Audit record not written, the change is rolled back: {} of {} {} by {} ({}): {}", entry.operation(),
          entry.resource().type(), entry.resource().id(), entry.actor().id(), entry.outcome(), e.toString());
      throw e instanceof StorageException s ? s : new StorageException("the audit record of " + entry.operation()
          + " could not be written; the change was rolled back: " + e, e);
    }
  }

  /** Appends {@code entry} in its own transaction; a failure is logged and counted, never thrown. */
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
