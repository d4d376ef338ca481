package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.Actor;
import dev.bms.api.ApprovalRequiredException;
import dev.bms.api.BackupManager;
import dev.bms.api.ConflictException;
import dev.bms.api.approval.ApprovalId;
import dev.bms.api.approval.ApprovalRequest;
import dev.bms.api.approval.ApprovalStatus;
import dev.bms.api.approval.FourEyesPolicy;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two bms instances on one PostgreSQL approve the same held request at the same moment, round after
 * round: each time exactly one approval wins, the held call (a job delete) runs once, and the loser
 * gets a {@link ConflictException}.
 */
class FourEyesConcurrencyTest {
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final Actor CAROL = Actor.person("u-carol", "Carol Admin", "admin");

  private final String schema = "bms_foureyes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final List<BackupManager> managers = new ArrayList<>();

  private BackupManager instance(String name) {
    BackupManager bms = Bms.builder().storage(JdbcStorage.builder().url(PG_URL).credentials("postgres", "")
            .schema(schema).poolSize(4).build())
        .meterRegistry(new SimpleMeterRegistry()).plugin(new LabPlugin()).scheduler(false).instanceId(name)
        .fourEyes(FourEyesPolicy.defaults()).build();
    bms.start();
    managers.add(bms);
    return bms;
  }

  @BeforeEach
  void noSchemaYet() {
    managers.clear();
  }

  @AfterEach
  void dropSchema() throws Exception {
    managers.forEach(BackupManager::close);
    try (Connection c = DriverManager.getConnection(PG_URL, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void twoInstancesApprovingAtOnceRunTheCallOnce() throws Exception {
    BackupManager a = instance("a");
    BackupManager b = instance("b");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 8; round++) {
        JobId id = a.jobs().create(FourEyesTest.job("job-" + round));
        ApprovalId request;
        try {
          a.as(FourEyesTest.ALICE).jobs().delete(id);
          throw new AssertionError("not held");
        } catch (ApprovalRequiredException e) {
          request = e.requestId();
        }
        ApprovalId r = request;
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<ApprovalRequest> byBob = () -> {
          together.await();
          return a.as(FourEyesTest.BOB).approvals().approve(r, "bob");
        };
        Callable<ApprovalRequest> byCarol = () -> {
          together.await();
          return b.as(CAROL).approvals().approve(r, "carol");
        };
        List<Future<ApprovalRequest>> results = List.of(pool.submit(byBob), pool.submit(byCarol));
        int won = 0;
        int conflicts = 0;
        for (Future<ApprovalRequest> f : results) {
          try {
            ApprovalRequest done = f.get(60, TimeUnit.SECONDS);
            assertThat(done.status()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(done.outcome()).contains(AuditOutcome.SUCCEEDED);
            won++;
          } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ConflictException.class);
            conflicts++;
          }
        }
        assertThat(won).as("round %d: approvals that won", round).isEqualTo(1);
        assertThat(conflicts).isEqualTo(1);
        assertThat(b.jobs().get(id)).isEmpty();
        List<AuditRecord> deletes = b.audit().search(AuditFilter.all().withOperation("jobs.delete")
            .withResource("job", id.value().toString()), PageRequest.first(10)).items();
        assertThat(deletes).as("the held delete ran once").singleElement()
            .satisfies(rec -> assertThat(rec.entry().actor()).isEqualTo(FourEyesTest.ALICE));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(a.audit().verify(Instant.EPOCH, Instant.now().plusSeconds(60)).intact()).isTrue();
  }
}
