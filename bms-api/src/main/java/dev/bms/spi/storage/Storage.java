package dev.bms.spi.storage;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where bms keeps its state. The database is the coordinator of many instances, never a cache:
 * every method is atomic (one transaction), and a method that returns normally has committed.
 * Failures surface as {@link dev.bms.api.StorageException}.
 *
 * <p>The job, execution and alert stores are required. The other stores are optional
 * capabilities: an accessor returns {@link Optional#empty()} when the storage does not have it,
 * and bms then switches the features that need it off (each accessor says how) and refuses calls
 * that need it with {@link dev.bms.api.CapabilityMissingException}. {@link #capabilities()} lists
 * what is present.
 *
 * <p>Prove an implementation with {@code dev.bms.testkit.storage.StorageCompatibilityKit} from the
 * {@code bms-testkit} artifact.
 *
 * @since 0.1.0
 */
public interface Storage extends AutoCloseable {

  /** Connects and migrates the schema to the current version. Idempotent. */
  void start();

  /** Job definitions. */
  JobStore jobs();

  /** Executions and their copy results. */
  ExecutionStore executions();

  /** Alerts, silences, SLA breaches and notification attempts. */
  AlertStore alerts();

  /**
   * The scheduler's and execution queue's state, if this storage can coordinate a scheduler. Without
   * it bms schedules nothing: schedules never fire, {@code submit} is refused, the health's scheduler
   * is DISABLED, and {@code runNow} runs in the calling thread without retries.
   */
  default Optional<SchedulerStore> scheduler() {
    return Optional.empty();
  }

  /**
   * Restore points, retention deletions and verified points, if kept. Without it no retention is
   * applied after runs, the retention service and restores by point are refused.
   */
  default Optional<RetentionStore> retention() {
    return Optional.empty();
  }

  /**
   * Verification evidence and verification policies, if kept. Without it verification policies
   * never run, the verification service is refused, and restores and RTO estimates use no evidence.
   */
  default Optional<VerificationStore> verifications() {
    return Optional.empty();
  }

  /**
   * Compliance policies and lock proofs, if kept. Without it lock proofs are not recorded and the
   * compliance service (and compliance alerts) are refused.
   */
  default Optional<ComplianceStore> compliance() {
    return Optional.empty();
  }

  /** Report aggregations, if this storage computes them. Without it the report service is refused. */
  default Optional<ReportStore> reports() {
    return Optional.empty();
  }

  /**
   * Restore records, restore leases, throughput evidence and RTO targets, if kept. Without it
   * restores are refused and retention does not look for restores in progress.
   */
  default Optional<RestoreStore> restores() {
    return Optional.empty();
  }

  /** Search of the stored manifests (the catalog), if supported. Without it catalog searches are refused. */
  default Optional<CatalogStore> catalog() {
    return Optional.empty();
  }

  /**
   * The audit trail (records and their hash chain), if kept. Without it bms records nothing and the
   * audit service is refused; the services work as before.
   *
   * @since 0.2.0
   */
  default Optional<AuditStore> audit() {
    return Optional.empty();
  }

  /**
   * The ambient transaction of this storage, if it has one: bms then writes each audit record in the
   * same transaction as the change it describes. Without it each record is written in its own
   * transaction right after the call (a crash between the two can lose the record).
   *
   * @since 0.2.0
   */
  default Optional<TransactionScope> transactions() {
    return Optional.empty();
  }

  /**
   * Four-eyes approval requests, if kept. Without it the approval service is refused, and the builder
   * refuses to enable four-eyes approval.
   *
   * @since 0.2.0
   */
  default Optional<ApprovalStore> approvals() {
    return Optional.empty();
  }

  /**
   * The optional stores this storage has, derived from the accessors above; what bms reports as the
   * storage's capabilities. Implementations do not override it.
   */
  default Set<StorageCapability> capabilities() {
    EnumSet<StorageCapability> present = EnumSet.noneOf(StorageCapability.class);
    for (StorageCapability c : StorageCapability.values()) {
      if (c.store(this).isPresent()) {
        present.add(c);
      }
    }
    return Collections.unmodifiableSet(present);
  }

  /**
   * The database's clock. Leases and due times that several instances compare are computed with
   * this, never with an instance's own clock.
   */
  Instant now();

  /** A one-line description for logs (URL without credentials, pool size). */
  String describe();

  /** Closes connections. Idempotent. */
  @Override
  void close();
}
