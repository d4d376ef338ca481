package dev.bms.spi.storage;

import java.util.Optional;

/**
 * An optional part of a {@link Storage}: each names one accessor that may return
 * {@link Optional#empty()}. Like JDBC's {@code DatabaseMetaData.supportsX()}, it lets callers ask
 * before they use a feature instead of catching a failure.
 *
 * @since 0.1.0
 */
public enum StorageCapability {
  /** {@link Storage#scheduler()}. */
  SCHEDULER,
  /** {@link Storage#retention()}. */
  RETENTION,
  /** {@link Storage#verifications()}. */
  VERIFICATIONS,
  /** {@link Storage#compliance()}. */
  COMPLIANCE,
  /** {@link Storage#reports()}. */
  REPORTS,
  /** {@link Storage#restores()}. */
  RESTORES,
  /** {@link Storage#catalog()}. */
  CATALOG,
  /**
   * {@link Storage#audit()}.
   *
   * @since 0.2.0
   */
  AUDIT,
  /**
   * {@link Storage#transactions()}.
   *
   * @since 0.2.0
   */
  TRANSACTIONS,
  /**
   * {@link Storage#approvals()}.
   *
   * @since 0.2.0
   */
  APPROVALS;

  /** The store of this capability in {@code storage}, empty when the storage does not have it. */
  public Optional<?> store(Storage storage) {
    return switch (this) {
      case SCHEDULER -> storage.scheduler();
      case RETENTION -> storage.retention();
      case VERIFICATIONS -> storage.verifications();
      case COMPLIANCE -> storage.compliance();
      case REPORTS -> storage.reports();
      case RESTORES -> storage.restores();
      case CATALOG -> storage.catalog();
      case AUDIT -> storage.audit();
      case TRANSACTIONS -> storage.transactions();
      case APPROVALS -> storage.approvals();
    };
  }
}
