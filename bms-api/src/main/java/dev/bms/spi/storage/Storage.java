package dev.bms.spi.storage;

import java.time.Instant;

/**
 * Where bms keeps its state. The database is the coordinator of many instances, never a cache:
 * every method is atomic (one transaction), and a method that returns normally has committed.
 * Failures surface as {@link dev.bms.api.StorageException}.
 *
 * <p>Prove an implementation with {@code dev.bms.testkit.storage.StorageContract} from the
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
   * The scheduler's and execution queue's state. Storages that cannot coordinate a scheduler do not
   * override this; bms then schedules nothing.
   *
   * @throws UnsupportedOperationException when this storage has no scheduler support
   */
  default SchedulerStore scheduler() {
    throw new UnsupportedOperationException(describe() + " does not support scheduling");
  }

  /**
   * Restore points, retention deletions and verified points.
   *
   * @throws UnsupportedOperationException when this storage has no retention support
   */
  default RetentionStore retention() {
    throw new UnsupportedOperationException(describe() + " does not support retention");
  }

  /**
   * Verification evidence and verification policies. The default refuses: a storage that keeps no
   * evidence cannot back compliance.
   */
  default VerificationStore verifications() {
    throw new UnsupportedOperationException("storage " + describe() + " does not store verification evidence");
  }

  /** Compliance policies and lock proofs. The default refuses (see {@link #verifications()}). */
  default ComplianceStore compliance() {
    throw new UnsupportedOperationException("storage " + describe() + " does not store compliance facts");
  }

  /** Report aggregations. The default refuses (see {@link #verifications()}). */
  default ReportStore reports() {
    throw new UnsupportedOperationException("storage " + describe() + " does not compute reports");
  }

  /**
   * Restore records, restore leases, throughput evidence and RTO targets.
   *
   * @throws UnsupportedOperationException when this storage keeps no restore records
   */
  default RestoreStore restores() {
    throw new UnsupportedOperationException("storage " + describe() + " does not store restore records");
  }

  /**
   * Search of the stored manifests (the catalog).
   *
   * @throws UnsupportedOperationException when this storage cannot search its manifests
   */
  default CatalogStore catalog() {
    throw new UnsupportedOperationException("storage " + describe() + " does not search its catalog");
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
