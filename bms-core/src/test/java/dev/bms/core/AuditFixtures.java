package dev.bms.core;

import dev.bms.api.BackupManager;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.AlertStore;
import dev.bms.spi.storage.ApprovalStore;
import dev.bms.spi.storage.AuditStore;
import dev.bms.spi.storage.BaselineStore;
import dev.bms.spi.storage.CatalogStore;
import dev.bms.spi.storage.ComplianceStore;
import dev.bms.spi.storage.ExecutionStore;
import dev.bms.spi.storage.JobStore;
import dev.bms.spi.storage.ReportStore;
import dev.bms.spi.storage.RestoreStore;
import dev.bms.spi.storage.RetentionStore;
import dev.bms.spi.storage.SchedulerStore;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageCapability;
import dev.bms.spi.storage.TransactionScope;
import dev.bms.spi.storage.VerificationStore;
import dev.bms.storage.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the audit tests share: the two databases they run on (an H2 file, a throw-away PostgreSQL
 * schema) with a plain JDBC connection beside bms's for SQL a test runs behind bms's back, a job on the
 * lab target, the trail newest first, and a storage that forwards to another.
 */
final class AuditFixtures {
  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private AuditFixtures() {
  }

  /** A database bms and the test's own SQL share. */
  interface Database {
    /** A builder of bms's storage on it. */
    JdbcStorage.Builder storage();

    /** A plain connection to it, in bms's schema. */
    Connection connect() throws SQLException;

    /** Runs {@code statement} on a plain connection (e.g. to tamper with the trail behind bms's back). */
    default void sql(String statement) throws SQLException {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        s.execute(statement);
      }
    }

    /** Drops what it created (the PostgreSQL schema; an H2 file goes with its directory). */
    default void drop() throws SQLException {
    }
  }

  /** An H2 file database at {@code file}, opened as {@code JdbcStorage.embedded} opens one. */
  static Database h2(Path file) {
    String url = "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
        + "DB_CLOSE_DELAY=-1";
    return new Database() {
      @Override
      public JdbcStorage.Builder storage() {
        return JdbcStorage.builder().url(url);
      }

      @Override
      public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
      }
    };
  }

  /** A new schema {@code <prefix>_<random>} on the test PostgreSQL; {@link Database#drop} drops it. */
  static Database postgres(String prefix) {
    String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new Database() {
      @Override
      public JdbcStorage.Builder storage() {
        return JdbcStorage.builder().url(PG_URL).credentials("postgres", "").schema(schema);
      }

      @Override
      public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
        c.setSchema(schema);
        return c;
      }

      @Override
      public void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", ""); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
    };
  }

  /** A job named {@code name} with one copy, {@code disk}, on the lab target (a local disk, no lock). */
  static BackupJob labJob(String name) {
    return labJobBuilder(name).build();
  }

  static BackupJob.Builder labJobBuilder(String name) {
    return BackupJob.builder(name)
        .copy(CopySpec.target("lab", LabPlugin.lab("LOCAL_DISK", "dc", false, false, false, "none")).named("disk"));
  }

  /** The trail, newest first (up to 1,000 records). */
  static List<AuditRecord> records(BackupManager bms) {
    return bms.audit().search(AuditFilter.all(), PageRequest.first(1000)).items();
  }

  /**
   * A storage that forwards to {@code delegate}: its required stores and those of the optional ones whose
   * capability is {@code kept}. Extend it and override what a test changes.
   */
  static class ForwardingStorage implements Storage {
    final Storage delegate;
    private final Set<StorageCapability> kept;

    /** Forwards every store. */
    ForwardingStorage(Storage delegate) {
      this(delegate, EnumSet.allOf(StorageCapability.class));
    }

    ForwardingStorage(Storage delegate, Set<StorageCapability> kept) {
      this.delegate = delegate;
      this.kept = kept.isEmpty() ? EnumSet.noneOf(StorageCapability.class) : EnumSet.copyOf(kept);
    }

    private <T> Optional<T> ifKept(StorageCapability capability, Optional<T> store) {
      return kept.contains(capability) ? store : Optional.empty();
    }

    @Override
    public void start() {
      delegate.start();
    }

    @Override
    public JobStore jobs() {
      return delegate.jobs();
    }

    @Override
    public ExecutionStore executions() {
      return delegate.executions();
    }

    @Override
    public AlertStore alerts() {
      return delegate.alerts();
    }

    @Override
    public Optional<SchedulerStore> scheduler() {
      return ifKept(StorageCapability.SCHEDULER, delegate.scheduler());
    }

    @Override
    public Optional<RetentionStore> retention() {
      return ifKept(StorageCapability.RETENTION, delegate.retention());
    }

    @Override
    public Optional<VerificationStore> verifications() {
      return ifKept(StorageCapability.VERIFICATIONS, delegate.verifications());
    }

    @Override
    public Optional<ComplianceStore> compliance() {
      return ifKept(StorageCapability.COMPLIANCE, delegate.compliance());
    }

    @Override
    public Optional<ReportStore> reports() {
      return ifKept(StorageCapability.REPORTS, delegate.reports());
    }

    @Override
    public Optional<RestoreStore> restores() {
      return ifKept(StorageCapability.RESTORES, delegate.restores());
    }

    @Override
    public Optional<CatalogStore> catalog() {
      return ifKept(StorageCapability.CATALOG, delegate.catalog());
    }

    @Override
    public Optional<AuditStore> audit() {
      return ifKept(StorageCapability.AUDIT, delegate.audit());
    }

    @Override
    public Optional<TransactionScope> transactions() {
      return ifKept(StorageCapability.TRANSACTIONS, delegate.transactions());
    }

    @Override
    public Optional<ApprovalStore> approvals() {
      return ifKept(StorageCapability.APPROVALS, delegate.approvals());
    }

    @Override
    public Optional<BaselineStore> baselines() {
      return ifKept(StorageCapability.BASELINES, delegate.baselines());
    }

    @Override
    public Instant now() {
      return delegate.now();
    }

    @Override
    public String describe() {
      return delegate.describe();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
