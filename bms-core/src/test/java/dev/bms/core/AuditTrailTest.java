package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.Actor;
import dev.bms.api.BackupManager;
import dev.bms.api.BackupServices;
import dev.bms.api.NotFoundException;
import dev.bms.api.audit.AuditEntry;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.audit.ChainBreak;
import dev.bms.api.audit.ChainVerification;
import dev.bms.api.audit.ResourceRef;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.AuditStore;
import dev.bms.core.AuditFixtures.Database;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail on H2 and on the real PostgreSQL: each mutating call through {@code bms.as(actor)}
 * writes exactly one record with the actor and a redacted diff, reads write none, refusals are
 * recorded, search filters and pages, and an UPDATE, DELETE or reordering of a record row in the
 * database makes {@code verify} name that record. Two storages appending at once keep one chain.
 */
class AuditTrailTest {
  private static final Instant BEGINNING = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2100-01-01T00:00:00Z");
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
      return AuditFixtures.postgres("bms_audit");
    }

    @Override
    JdbcStorage storage() {
      return db.storage().poolSize(4).build();
    }
  }

  abstract static class Contract {
    BackupManager bms;
    Database db;

    abstract Database database();

    JdbcStorage storage() {
      return db.storage().build();
    }

    @BeforeEach
    void startManager() {
      db = database();
      bms = Bms.builder().storage(storage()).meterRegistry(new SimpleMeterRegistry()).plugin(new LabPlugin())
          .scheduler(false).instanceId("audit").build();
      bms.start();
    }

    @AfterEach
    void closeManager() throws SQLException {
      bms.close();
      db.drop();
    }

    private BackupJob job(String name) {
      return AuditFixtures.labJobBuilder(name).label("api-token", "hunter2-very-secret").build();
    }

    private List<AuditRecord> all() {
      return AuditFixtures.records(bms);
    }

    @Test
    void anEmptiedHeadRowIsRecreatedFromTheNewestRecordAndTheChainGoesOn() throws SQLException {
      BackupServices alice = bms.as(ALICE);
      JobId id = alice.jobs().create(job("head-gone"));
      alice.jobs().disable(id);
      db.sql("DELETE FROM bms_audit_head");
      alice.jobs().enable(id);
      assertThat(all()).extracting(AuditRecord::sequence).containsExactly(3L, 2L, 1L);
      assertThat(bms.audit().verify(BEGINNING, END)).isEqualTo(new ChainVerification(3, java.util.Optional.empty()));
    }

    @Test
    void anAuditedChangeRecordsTheStateAsStoredBeforeAndAfter() {
      BackupServices alice = bms.as(ALICE);
      JobId id = alice.jobs().create(job("as-stored"));
      dev.bms.api.model.Job created = bms.jobs().require(id);
      dev.bms.api.model.Job updated = alice.jobs().update(id, created.version(),
          created.definition().toBuilder().description("nightly").build());
      assertThat(bms.jobs().require(id)).as("what update returned is what a read returns").isEqualTo(updated);
      dev.bms.api.model.Job disabled = alice.jobs().disable(id);
      assertThat(bms.jobs().require(id)).isEqualTo(disabled);
      List<AuditRecord> records = all();
      assertThat(records.get(1).entry().operation()).isEqualTo("jobs.update");
      assertThat(records.get(1).entry().diff()).contains("\"definition.description\"", "nightly", "\"version\"")
          .doesNotContain("\"definition.enabled\"");
      assertThat(records.get(0).entry().operation()).isEqualTo("jobs.disable");
      assertThat(records.get(0).entry().diff()).contains("\"definition.enabled\"")
          .doesNotContain("\"definition.description\"");
    }

    @Test
    void eachMutationWritesOneRecordWithItsActorAndDiffAndReadsWriteNone() {
      BackupServices alice = bms.as(ALICE);
      JobId id = alice.jobs().create(job("payroll-files"));
      assertThat(all()).hasSize(1);

      alice.jobs().get(id);
      alice.jobs().list(JobFilter.all(), PageRequest.first(10));
      alice.audit().search(AuditFilter.all(), PageRequest.first(10));
      assertThat(all()).as("reads write nothing").hasSize(1);

      Job current = alice.jobs().require(id);
      alice.jobs().update(id, current.version(), current.definition().toBuilder().description("nightly").build());
      assertThat(all()).hasSize(2);
      alice.jobs().disable(id);
      assertThat(all()).hasSize(3);
      bms.jobs().delete(id);
      assertThat(all()).hasSize(4);

      List<AuditRecord> records = all();
      assertThat(records).extracting(r -> r.entry().operation())
          .containsExactly("jobs.delete", "jobs.disable", "jobs.update", "jobs.create");
      assertThat(records).extracting(AuditRecord::sequence).containsExactly(4L, 3L, 2L, 1L);
      assertThat(records).allSatisfy(r -> {
        assertThat(r.entry().resource()).isEqualTo(new ResourceRef("job", id.value().toString()));
        assertThat(r.entry().outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(r.entry().diff()).doesNotContain("hunter2");
      });
      assertThat(records.subList(1, 4)).allSatisfy(r -> assertThat(r.entry().actor()).isEqualTo(ALICE));
      assertThat(records.get(0).entry().actor()).as("direct calls are the application's")
          .isEqualTo(Actor.application());

      AuditEntry create = records.get(3).entry();
      assertThat(create.diff()).contains("\"definition.name\":{\"to\":\"payroll-files\"}")
          .contains("\"definition.labels.api-token\":{\"to\":\"***\"}");
      AuditEntry update = records.get(2).entry();
      assertThat(update.diff()).contains("\"definition.description\":{\"from\":\"\",\"to\":\"nightly\"}")
          .contains("\"version\":{\"from\":1,\"to\":2}")
          .doesNotContain("definition.name");
      assertThat(records.get(1).entry().diff()).contains("\"definition.enabled\":{\"from\":true,\"to\":false}");
      assertThat(records.get(0).entry().diff()).contains("\"definition.name\":{\"from\":\"payroll-files\"}");
      assertThat(bms.audit().verify(BEGINNING, END)).isEqualTo(new ChainVerification(4, java.util.Optional.empty()));
    }

    @Test
    void aRefusedCallIsRecorded() {
      JobId unknown = new JobId(UUID.randomUUID());
      assertThatThrownBy(() -> bms.as(ALICE).jobs().disable(unknown)).isInstanceOf(NotFoundException.class);

      assertThat(all()).singleElement().satisfies(r -> {
        assertThat(r.entry().operation()).isEqualTo("jobs.disable");
        assertThat(r.entry().outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(r.entry().actor()).isEqualTo(ALICE);
        assertThat(r.entry().resource().id()).isEqualTo(unknown.value().toString());
        assertThat(r.entry().detail()).contains("NotFoundException").contains(unknown.toString());
      });
    }

    @Test
    void searchFiltersByEveryFieldAndPages() {
      Actor bob = Actor.service("ci-bot", "admin");
      JobId a = bms.as(ALICE).jobs().create(job("ledger-archive"));
      JobId b = bms.as(bob).jobs().create(job("mailbox-export"));
      bms.as(bob).jobs().disable(b);
      assertThatThrownBy(() -> bms.as(bob).jobs().delete(null)).isNotNull();
      Instant afterFirst = all().get(all().size() - 1).entry().at().plusNanos(1000);

      assertThat(search(AuditFilter.all().withActor("ci-bot"))).hasSize(3);
      assertThat(search(AuditFilter.all().withOperation("jobs.create"))).hasSize(2);
      assertThat(search(AuditFilter.all().withResource("job", b.value().toString()))).hasSize(2);
      assertThat(search(AuditFilter.all().withResourceType("job").withActor("u-alice"))).hasSize(1);
      assertThat(search(AuditFilter.all().withOutcome(AuditOutcome.SUCCEEDED))).hasSize(3);
      assertThat(search(AuditFilter.all().withOutcome(AuditOutcome.REFUSED).withActor("ci-bot")))
          .extracting(r -> r.entry().operation()).containsExactly("jobs.delete");
      assertThat(search(AuditFilter.all().withText("ledger"))).singleElement()
          .satisfies(r -> assertThat(r.entry().resource().id()).isEqualTo(a.value().toString()));
      assertThat(search(AuditFilter.all().withText("mailbox ci-bot"))).hasSize(1);
      assertThat(search(AuditFilter.all().withText("nothing-like-this"))).isEmpty();
      assertThat(search(AuditFilter.all().between(afterFirst, END))).hasSize(3);
      assertThat(search(AuditFilter.all().between(BEGINNING, afterFirst))).hasSize(1);

      Page<AuditRecord> first = bms.audit().search(AuditFilter.all(), PageRequest.first(3));
      assertThat(first.items()).extracting(AuditRecord::sequence).containsExactly(4L, 3L, 2L);
      Page<AuditRecord> second = bms.audit().search(AuditFilter.all(), first.next(3).orElseThrow());
      assertThat(second.items()).extracting(AuditRecord::sequence).containsExactly(1L);
      assertThat(second.hasNext()).isFalse();
    }

    private List<AuditRecord> search(AuditFilter filter) {
      return bms.audit().search(filter, PageRequest.first(100)).items();
    }

    /** Five records: creates and disables, all intact. */
    private void fiveRecords() {
      for (int i = 0; i < 5; i++) {
        bms.as(ALICE).jobs().create(job("job-" + i));
      }
      assertThat(bms.audit().verify(BEGINNING, END).intact()).isTrue();
    }

    @Test
    void anEditedRecordIsNamedAltered() throws SQLException {
      fiveRecords();
      sql("UPDATE bms_audit SET actor_id = 'mallory' WHERE seq = 3");

      ChainVerification v = bms.audit().verify(BEGINNING, END);
      assertThat(v.firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.sequence()).isEqualTo(3);
        assertThat(b.kind()).isEqualTo(ChainBreak.Kind.ALTERED);
      });
      assertThat(v.checked()).isEqualTo(3);
    }

    @Test
    void anEditedRecordWithARecomputedHashNamesItsReplacement() throws SQLException {
      fiveRecords();
      // the forger rewrites record 2 and its hash, but cannot rewrite record 3's link to it
      AuditRecord two = search(AuditFilter.all()).get(3);
      AuditEntry forged = new AuditEntry(two.entry().at(), Actor.person("mallory", "Mallory"), two.entry().operation(),
          two.entry().resource(), two.entry().outcome(), two.entry().detail(), two.entry().diff());
      String hash = dev.bms.spi.storage.AuditChain.hash(two.previousHash(), forged);
      sql("UPDATE bms_audit SET actor_id = 'mallory', actor_name = 'Mallory', actor_kind = 'PERSON', actor_roles = '',"
          + " hash = '" + hash + "' WHERE seq = 2");

      assertThat(bms.audit().verify(BEGINNING, END).firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.sequence()).isEqualTo(2);
        assertThat(b.kind()).isEqualTo(ChainBreak.Kind.ALTERED);
      });
    }

    @Test
    void aDeletedRecordIsNamedRemoved() throws SQLException {
      fiveRecords();
      sql("DELETE FROM bms_audit WHERE seq = 2");

      assertThat(bms.audit().verify(BEGINNING, END).firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.sequence()).isEqualTo(2);
        assertThat(b.kind()).isEqualTo(ChainBreak.Kind.REMOVED);
      });
    }

    @Test
    void aDeletedTailIsFoundThroughTheHead() throws SQLException {
      fiveRecords();
      sql("DELETE FROM bms_audit WHERE seq = 5");

      assertThat(bms.audit().verify(BEGINNING, END).firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.sequence()).isEqualTo(5);
        assertThat(b.kind()).isEqualTo(ChainBreak.Kind.REMOVED);
      });
    }

    @Test
    void swappedRecordsAreNamedReordered() throws SQLException {
      fiveRecords();
      sql("UPDATE bms_audit SET seq = -1 WHERE seq = 3");
      sql("UPDATE bms_audit SET seq = 3 WHERE seq = 4");
      sql("UPDATE bms_audit SET seq = 4 WHERE seq = -1");

      assertThat(bms.audit().verify(BEGINNING, END).firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.sequence()).isEqualTo(3);
        assertThat(b.kind()).isEqualTo(ChainBreak.Kind.REORDERED);
      });
    }

    @Test
    void verifyChecksOnlyItsRangeLinkedToTheRecordBefore() throws SQLException {
      fiveRecords();
      Instant fourth = search(AuditFilter.all()).get(1).entry().at();
      sql("UPDATE bms_audit SET detail = 'edited' WHERE seq = 1");

      assertThat(bms.audit().verify(fourth, END)).satisfies(v -> {
        assertThat(v.intact()).isTrue();
        assertThat(v.checked()).isGreaterThanOrEqualTo(2);
      });
      assertThat(bms.audit().verify(BEGINNING, END).firstBreak()).hasValueSatisfying(b ->
          assertThat(b.sequence()).isEqualTo(1));
    }

    @Test
    void twoStoragesAppendingAtOnceKeepOneChain() throws Exception {
      bms.as(ALICE).jobs().create(job("first"));
      int threads = 4;
      int each = 50;
      List<JdbcStorage> storages = List.of(storage(), storage());
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        storages.forEach(JdbcStorage::start);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          AuditStore store = storages.get(t % 2).audit().orElseThrow();
          int thread = t;
          done.add(pool.submit(() -> {
            go.await();
            for (int i = 0; i < each; i++) {
              store.append(new AuditEntry(Instant.now(), Actor.service("writer-" + thread), "test.append",
                  new ResourceRef("test", thread + "-" + i), AuditOutcome.SUCCEEDED, "", "{}"));
            }
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
        storages.forEach(JdbcStorage::close);
      }
      List<AuditRecord> records = new ArrayList<>(bms.audit().search(AuditFilter.all(), PageRequest.first(1000))
          .items());
      assertThat(records).extracting(AuditRecord::sequence)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 1 + threads * each).map(n -> 2 + threads * each - n)
              .boxed().toList());
      assertThat(bms.audit().verify(BEGINNING, END)).isEqualTo(
          new ChainVerification(1 + threads * each, java.util.Optional.empty()));
    }

    void sql(String statement) throws SQLException {
      db.sql(statement);
    }
  }
}
