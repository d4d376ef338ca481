package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.Actor;
import dev.bms.api.BackupManager;
import dev.bms.api.BackupServices;
import dev.bms.api.ConflictException;
import dev.bms.api.StorageException;
import dev.bms.api.audit.AuditEntry;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.ExecutionFinishedEvent;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.ReportedRun;
import dev.bms.spi.storage.AuditChain;
import dev.bms.spi.storage.AuditStore;
import dev.bms.spi.storage.Storage;
import dev.bms.api.model.Page;
import dev.bms.core.AuditFixtures.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An audited change and its record are one transaction, on H2 and on the real PostgreSQL: when the
 * record cannot be written (a CHECK constraint on {@code bms_audit} refuses it) the change is not
 * stored, nothing of it is published (no event, no cache entry) and the call fails with
 * {@link StorageException}; when it can, other connections see neither until both are committed, and
 * events run only after the commit. A pool of one connection does not deadlock: the record is written
 * on the call's connection.
 */
class AuditAtomicityTest {
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final Actor ALICE = Actor.person("u-alice", "Alice Doe", "admin");

  @Nested
  class OnH2 extends Contract {
    @TempDir
    Path dir;

    @Override
    Database database() {
      return AuditFixtures.h2(dir.resolve("bms"));
    }
  }

  @Nested
  class OnPostgres extends Contract {
    @Override
    Database database() {
      return AuditFixtures.postgres("bms_atomic");
    }
  }

  abstract static class Contract {
    BackupManager bms;
    Database db;
    ProbedStorage storage;
    final List<BmsEvent> events = new CopyOnWriteArrayList<>();

    abstract Database database();

    /** A pool of ONE connection: the record must be written on the call's own connection. */
    @BeforeEach
    void startManager() {
      db = database();
      storage = new ProbedStorage(db.storage().poolSize(1).connectionTimeout(Duration.ofSeconds(3)).build());
      bms = Bms.builder().storage(storage).meterRegistry(new SimpleMeterRegistry()).plugin(new LabPlugin())
          .scheduler(false).instanceId("atomic").build();
      bms.start();
      bms.subscribe(events::add);
    }

    @AfterEach
    void closeManager() throws SQLException {
      bms.close();
      db.drop();
    }

    private Connection connect() throws SQLException {
      return db.connect();
    }

    private static BackupJob job(String name) {
      return AuditFixtures.labJob(name);
    }

    private List<AuditRecord> records() {
      return AuditFixtures.records(bms);
    }

    /** From now on, the database refuses every new record (a CHECK constraint the stored ones pass). */
    private void refuseNewRecords() throws SQLException {
      long head = storage.audit().orElseThrow().head().sequence();
      sql("ALTER TABLE bms_audit ADD CONSTRAINT refuse_for_test CHECK (seq <= " + head + ")");
    }

    private void acceptRecordsAgain() throws SQLException {
      sql("ALTER TABLE bms_audit DROP CONSTRAINT refuse_for_test");
    }

    @Test
    void aChangeWhoseRecordCannotBeWrittenIsNotStored() throws SQLException {
      BackupServices alice = bms.as(ALICE);
      JobId id = alice.jobs().create(job("payroll"));
      Job before = alice.jobs().require(id);
      long jobsBefore = bms.reports().summary(java.time.ZoneOffset.UTC).jobs();
      refuseNewRecords();

      assertThatThrownBy(() -> alice.jobs().update(id, 1, before.definition().toBuilder().description("nightly").build()))
          .isInstanceOf(StorageException.class);
      assertThat(rowCount("SELECT COUNT(*) FROM bms_job WHERE version = 2")).as("the update rolled back").isZero();
      assertThat(alice.jobs().require(id)).as("nor was it cached").isEqualTo(before);

      assertThatThrownBy(() -> alice.jobs().create(job("ledger"))).isInstanceOf(StorageException.class);
      assertThat(bms.jobs().findByName("ledger")).isEmpty();
      assertThat(bms.reports().summary(java.time.ZoneOffset.UTC).jobs()).as("the job counter too").isEqualTo(jobsBefore);
      assertThat(records()).extracting(r -> r.entry().operation()).containsExactly("jobs.create");

      acceptRecordsAgain();
      Job updated = alice.jobs().update(id, 1, before.definition().toBuilder().description("nightly").build());
      assertThat(updated.version()).isEqualTo(2);
      assertThat(records()).extracting(r -> r.entry().operation()).containsExactly("jobs.update", "jobs.create");
      assertThat(bms.audit().verify(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")).intact()).isTrue();
    }

    @Test
    void aCompletionWhoseRecordCannotBeWrittenStaysRunningAndPublishesNothing() throws SQLException {
      JobId id = bms.jobs().create(job("reported"));
      ReportedRun run = bms.executions().begin(id);
      List<CopyResult> copies = List.of(CopyResult.succeeded("disk", 100, 1, Duration.ofSeconds(1), "ab".repeat(32)));
      refuseNewRecords();
      events.clear();

      assertThatThrownBy(() -> bms.executions().complete(run.id(), run.token(), copies))
          .isInstanceOf(StorageException.class);
      assertThat(bms.executions().get(run.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
      assertThat(events).as("no event of a change that was rolled back").isEmpty();

      acceptRecordsAgain();
      assertThat(bms.executions().complete(run.id(), run.token(), copies).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(events).filteredOn(ExecutionFinishedEvent.class::isInstance).hasSize(1);
    }

    @Test
    void aChangeAndItsRecordAreInvisibleUntilBothCommitAndEventsFollowTheCommit() throws Exception {
      JobId id = bms.jobs().create(job("reported"));
      ReportedRun run = bms.executions().begin(id);
      String execution = run.id().value().toString();
      List<String> seenAtAppend = new CopyOnWriteArrayList<>();
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        // while the record is appended, another connection neither sees the change nor (later) the record
        storage.beforeAppend = entry -> seenAtAppend.add(onOtherConnection(other,
            "SELECT status FROM bms_execution WHERE id = '" + execution + "'"));
        List<String> seenByListener = new CopyOnWriteArrayList<>();
        bms.subscribe(e -> {
          if (e instanceof ExecutionFinishedEvent) {
            seenByListener.add(onOtherConnection(other, "SELECT status FROM bms_execution WHERE id = '" + execution + "'")
                + "/" + onOtherConnection(other, "SELECT COUNT(*) FROM bms_audit WHERE operation = 'executions.complete'"));
          }
        });
        bms.as(ALICE).executions().complete(run.id(), run.token(),
            List.of(CopyResult.succeeded("disk", 100, 1, Duration.ofSeconds(1), "ab".repeat(32))));

        assertThat(seenAtAppend).containsExactly("RUNNING");
        assertThat(seenByListener).as("the event runs after both committed").containsExactly("SUCCEEDED/1");
      } finally {
        storage.beforeAppend = entry -> { };
        other.shutdownNow();
      }
    }

    @Test
    void aRefusedCallRollsBackAndIsRecordedOnItsOwn() {
      BackupServices alice = bms.as(ALICE);
      JobId id = alice.jobs().create(job("payroll"));
      Job current = alice.jobs().require(id);

      assertThatThrownBy(() -> alice.jobs().update(id, 7, current.definition())).isInstanceOf(ConflictException.class);
      assertThat(alice.jobs().require(id)).isEqualTo(current);
      assertThat(records()).first().satisfies(r -> {
        assertThat(r.entry().operation()).isEqualTo("jobs.update");
        assertThat(r.entry().outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(r.entry().diff()).isEqualTo("{}");
      });
    }

    private String onOtherConnection(ExecutorService other, String query) {
      try {
        return other.submit(() -> {
          try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? String.valueOf(rs.getObject(1)) : "none";
          }
        }).get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    private long rowCount(String query) throws SQLException {
      try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
        rs.next();
        return rs.getLong(1);
      }
    }

    private void sql(String statement) throws SQLException {
      db.sql(statement);
    }
  }

  /** The JDBC storage with a hook run before each audit append, on the appending thread. */
  static final class ProbedStorage extends AuditFixtures.ForwardingStorage {
    volatile Consumer<AuditEntry> beforeAppend = entry -> { };

    ProbedStorage(Storage delegate) {
      super(delegate);
    }

    @Override
    public Optional<AuditStore> audit() {
      AuditStore real = delegate.audit().orElseThrow();
      return Optional.of(new AuditStore() {
        @Override
        public AuditRecord append(AuditEntry entry) {
          beforeAppend.accept(entry);
          return real.append(entry);
        }

        @Override
        public Page<AuditRecord> search(AuditFilter filter, PageRequest page) {
          return real.search(filter, page);
        }

        @Override
        public List<AuditRecord> range(Instant from, Instant to, long afterSequence, int limit) {
          return real.range(from, to, afterSequence, limit);
        }

        @Override
        public Optional<AuditRecord> before(long sequence) {
          return real.before(sequence);
        }

        @Override
        public Optional<AuditRecord> byHash(String hash) {
          return real.byHash(hash);
        }

        @Override
        public AuditChain.Head head() {
          return real.head();
        }

        @Override
        public AuditChain.Head purged() {
          return real.purged();
        }

        @Override
        public long purge(long throughSequence, Instant at) {
          return real.purge(throughSequence, at);
        }
      });
    }
  }
}
