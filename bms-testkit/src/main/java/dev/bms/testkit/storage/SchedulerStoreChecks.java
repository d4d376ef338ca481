package dev.bms.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.ConflictException;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.ExecutionTrigger;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.spi.storage.ClaimedExecution;
import dev.bms.spi.storage.ExecutionOutcome;
import dev.bms.spi.storage.ExecutionStore.Completion;
import dev.bms.spi.storage.Fire;
import dev.bms.spi.storage.FirePlan;
import dev.bms.spi.storage.QueueDepth;
import dev.bms.spi.storage.QueuedExecution;
import dev.bms.spi.storage.ScheduleState;
import dev.bms.spi.storage.SchedulerStore;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageCapability;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SchedulerStore}: idempotent fires, one-statement claims that bump the
 * version, one claimed execution running per job, fencing of lease renewal and completion, expired
 * leases abandoned with their retry. A group of
 * {@link StorageCompatibilityKit}, skipped for a storage without {@code SCHEDULER}.
 */
public abstract class SchedulerStoreChecks extends StoreChecks {
  @Override
  protected Set<StorageCapability> requires() {
    return EnumSet.of(StorageCapability.SCHEDULER);
  }

  private static final Instant NOW = StorageFixtures.T0;

  private static QueuedExecution queued(JobId job, Instant due, Optional<Instant> scheduledFor) {
    Execution e = new Execution(new ExecutionId(TimeOrderedIds.next()), job, ExecutionMode.MANAGED,
        ExecutionTrigger.SCHEDULE, ExecutionStatus.PENDING, scheduledFor, NOW, Optional.empty(), Optional.empty(),
        Optional.empty(), 0, 0, 0, 1, Optional.empty(), 0, Optional.empty(), List.of());
    return new QueuedExecution(e, due, List.of("fs"), List.of(), Optional.empty());
  }

  private static QueuedExecution submitted(JobId job) {
    Execution e = new Execution(new ExecutionId(TimeOrderedIds.next()), job, ExecutionMode.MANAGED,
        ExecutionTrigger.MANUAL, ExecutionStatus.PENDING, Optional.empty(), NOW, Optional.empty(), Optional.empty(),
        Optional.empty(), 0, 0, 0, 1, Optional.empty(), 0, Optional.empty(), List.of());
    return new QueuedExecution(e, NOW, List.of("fs"), List.of(), Optional.empty());
  }

  private SchedulerStore store() {
    return storage.scheduler().orElseThrow();
  }

  @Test
  void jobsToSyncListsNewAndChangedJobsUntilTheirStateIsSaved() {
    Job job = job("sync-me");
    assertThat(store().jobsToSync(10)).containsExactly(job.id());
    store().saveSchedule(new ScheduleState(job.id(), 1, "fp", true, Optional.of(NOW), Optional.of(Duration.ofHours(1)),
        Optional.empty(), NOW));
    assertThat(store().jobsToSync(10)).isEmpty();
    assertThat(store().schedule(job.id()).orElseThrow().rpo()).contains(Duration.ofHours(1));
    // an older job version never overwrites a newer state
    store().saveSchedule(new ScheduleState(job.id(), 0, "old", true, Optional.empty(), Optional.empty(), Optional.empty(), NOW));
    assertThat(store().schedule(job.id()).orElseThrow().fingerprint()).isEqualTo("fp");
  }

  @Test
  void aFireRecordedTwiceIsRecordedOnceAndQueuesOneExecution() {
    Job job = job("fire-once");
    for (int round = 0; round < 2; round++) {
      store().saveSchedule(new ScheduleState(job.id(), 1 + round, "fp", true, Optional.of(NOW), Optional.empty(),
          Optional.empty(), NOW));
      List<Map<JobId, Job>> given = new ArrayList<>();
      List<Fire> recorded = store().fireDue("test", NOW, 10, (due, jobs) -> {
        given.add(jobs);
        return List.of(new FirePlan(job.id(),
            List.of(new Fire(job.id(), NOW, Fire.Outcome.FIRED, Optional.of(queued(job.id(), NOW, Optional.of(NOW))))),
            Optional.of(NOW.plusSeconds(60))));
      });
      assertThat(recorded).hasSize(round == 0 ? 1 : 0);
      // the planner runs under the store's locks, so the store hands it the due schedules' jobs
      assertThat(given).singleElement().satisfies(jobs -> assertThat(jobs.get(job.id()).name()).isEqualTo(job.name()));
    }
    assertThat(store().fires(job.id(), 10)).hasSize(1);
    assertThat(store().schedule(job.id()).orElseThrow().nextFireAt()).contains(NOW.plusSeconds(60));
    assertThat(store().claim("a", NOW, Duration.ofMinutes(1), 10, Set.of())).hasSize(1);
  }

  @Test
  void claimBumpsTheVersionAndRunsOneExecutionPerJobOldestFirst() {
    Job a = job("a");
    Job b = job("b");
    QueuedExecution a1 = queued(a.id(), NOW.minusSeconds(2), Optional.empty());
    QueuedExecution a2 = queued(a.id(), NOW.minusSeconds(1), Optional.empty());
    QueuedExecution b1 = queued(b.id(), NOW.minusSeconds(1), Optional.empty());
    QueuedExecution later = queued(b.id(), NOW.plusSeconds(60), Optional.empty());
    List.of(a1, a2, b1, later).forEach(store()::enqueue);

    List<ClaimedExecution> claimed = store().claim("owner-1", NOW, Duration.ofMinutes(1), 10, Set.of());
    assertThat(claimed).extracting(c -> c.execution().id())
        .containsExactlyInAnyOrder(a1.execution().id(), b1.execution().id());
    assertThat(claimed).allSatisfy(c -> {
      assertThat(c.execution().status()).isEqualTo(ExecutionStatus.RUNNING);
      assertThat(c.execution().version()).isEqualTo(1);
      assertThat(c.execution().owner()).contains("owner-1");
    });
    // a2 waits for a1; nothing else is due
    assertThat(store().claim("owner-2", NOW, Duration.ofMinutes(1), 10, Set.of())).isEmpty();

    ClaimedExecution c1 = claimed.stream().filter(c -> c.execution().id().equals(a1.execution().id())).findFirst().orElseThrow();
    assertThat(storage.executions().finish(c1.execution().id(), 1, new ExecutionOutcome(ExecutionStatus.SUCCEEDED, NOW,
        0, 0, Optional.empty(), List.of()))).isTrue();
    assertThat(store().claim("owner-2", NOW, Duration.ofMinutes(1), 10, Set.of())).extracting(c -> c.execution().id())
        .containsExactly(a2.execution().id());
  }

  @Test
  void queueDepthCountsPendingAndRunningAndDatesTheOldestDueExecution() {
    assertThat(store().queueDepth(NOW)).isEqualTo(new QueueDepth(0, 0, Optional.empty()));
    Job a = job("depth-a");
    Job b = job("depth-b");
    Job c = job("depth-c");
    store().enqueue(queued(a.id(), NOW.minusSeconds(90), Optional.empty()));
    store().enqueue(queued(b.id(), NOW.minusSeconds(30), Optional.empty()));
    store().enqueue(queued(c.id(), NOW.plusSeconds(600), Optional.empty()));
    assertThat(store().queueDepth(NOW)).isEqualTo(new QueueDepth(3, 0, Optional.of(NOW.minusSeconds(90))));

    assertThat(store().claim("o", NOW, Duration.ofMinutes(1), 1, Set.of())).hasSize(1);
    // the oldest was claimed: the lag is now the next due one's; the future one is pending, not due
    assertThat(store().queueDepth(NOW)).isEqualTo(new QueueDepth(2, 1, Optional.of(NOW.minusSeconds(30))));
    assertThat(store().queueDepth(NOW.minusSeconds(60))).isEqualTo(new QueueDepth(2, 1, Optional.empty()));
  }

  @Test
  void claimSkipsSaturatedTargetTypes() {
    Job job = job("typed");
    store().enqueue(queued(job.id(), NOW, Optional.empty()));
    assertThat(store().claim("o", NOW, Duration.ofMinutes(1), 10, Set.of("fs"))).isEmpty();
    assertThat(store().claim("o", NOW, Duration.ofMinutes(1), 10, Set.of("s3"))).hasSize(1);
  }

  @Test
  void staleVersionCanNeitherRenewNorFinish() {
    Job job = job("fenced");
    store().enqueue(queued(job.id(), NOW, Optional.empty()));
    ClaimedExecution c = store().claim("o", NOW, Duration.ofMinutes(1), 1, Set.of()).get(0);
    ExecutionId id = c.execution().id();
    assertThat(store().renewLease(id, c.execution().version(), 10, NOW, Duration.ofMinutes(1))).isTrue();
    assertThat(store().renewLease(id, c.execution().version() - 1, 20, NOW, Duration.ofMinutes(1))).isFalse();
    assertThat(storage.executions().finish(id, c.execution().version() - 1, new ExecutionOutcome(ExecutionStatus.SUCCEEDED,
        NOW, 0, 0, Optional.empty(), List.of()))).isFalse();
    assertThat(storage.executions().find(id).orElseThrow().progressBytes()).isEqualTo(10);
  }

  @Test
  void expiredLeaseIsAbandonedKeepingWhatWasRecordedAndItsRetryQueued() {
    Job job = job("expires");
    store().enqueue(queued(job.id(), NOW, Optional.empty()));
    ClaimedExecution c = store().claim("dead", NOW, Duration.ofMillis(1), 1, Set.of()).get(0);
    assertThat(store().renewLease(c.execution().id(), c.execution().version(), 42, NOW, Duration.ofMillis(1))).isTrue();
    sleep(50); // the lease lives on the database clock
    List<Optional<Job>> given = new ArrayList<>();
    List<Execution> abandoned = store().abandonExpired(NOW, 10, (claimed, itsJob) -> {
      given.add(itsJob);
      return Optional.of(queued(job.id(), NOW, Optional.empty()));
    });
    assertThat(given).singleElement().satisfies(j -> assertThat(j.orElseThrow().id()).isEqualTo(job.id()));
    assertThat(abandoned).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(ExecutionStatus.ABANDONED);
      assertThat(e.progressBytes()).isEqualTo(42);
      assertThat(e.owner()).contains("dead");
      assertThat(e.version()).isEqualTo(c.execution().version() + 1);
    });
    assertThat(storage.executions().finish(c.execution().id(), c.execution().version(), new ExecutionOutcome(
        ExecutionStatus.SUCCEEDED, NOW, 0, 0, Optional.empty(), List.of()))).isFalse();
    // the retry is claimable: the abandoned one no longer counts as running
    assertThat(store().claim("alive", NOW, Duration.ofMinutes(1), 10, Set.of())).hasSize(1);
  }

  @Test
  void executionInsertedRunningHasALeaseAndIsAbandonedWhenItExpires() {
    Job job = job("run-now");
    Execution running = new Execution(new ExecutionId(java.util.UUID.randomUUID()), job.id(), ExecutionMode.MANAGED,
        ExecutionTrigger.MANUAL, ExecutionStatus.RUNNING, Optional.empty(), NOW, Optional.of(NOW), Optional.empty(),
        Optional.of(NOW), 0, 0, 0, 1, Optional.of("runner"), 1, Optional.empty(), List.of());
    store().insertRunning(running, Duration.ofMillis(1));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store().insertRunning(running, Duration.ofMinutes(1)))
        .isInstanceOf(dev.bms.api.ConflictException.class);
    assertThat(store().renewLease(running.id(), 1, 7, NOW, Duration.ofMillis(1))).isTrue();
    sleep(50); // the lease lives on the database clock
    List<Execution> abandoned = store().abandonExpired(NOW, 10, (claimed, itsJob) -> Optional.empty());
    assertThat(abandoned).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo(running.id());
      assertThat(e.status()).isEqualTo(ExecutionStatus.ABANDONED);
      assertThat(e.owner()).contains("runner");
      assertThat(e.progressBytes()).isEqualTo(7);
    });
    // it never counted as the job's claimed running execution: the queue is not blocked by it
    Execution other = new Execution(new ExecutionId(java.util.UUID.randomUUID()), job.id(), ExecutionMode.MANAGED,
        ExecutionTrigger.MANUAL, ExecutionStatus.RUNNING, Optional.empty(), NOW, Optional.of(NOW), Optional.empty(),
        Optional.of(NOW), 0, 0, 0, 1, Optional.of("runner"), 1, Optional.empty(), List.of());
    store().insertRunning(other, Duration.ofMinutes(1));
    store().enqueue(queued(job.id(), NOW, Optional.empty()));
    assertThat(store().claim("o", NOW, Duration.ofMinutes(1), 1, Set.of())).hasSize(1);
  }

  @Test
  void reportedExecutionInsertedWithALeaseKeepsItsTokenHash() {
    Job job = job("reported");
    Execution reported = StorageFixtures.reportedRunning(job.id(), NOW);
    store().insertReported(reported, Duration.ofMinutes(1), StorageFixtures.tokenHash(3));
    assertThatThrownBy(() -> store().insertReported(reported, Duration.ofMinutes(1), StorageFixtures.tokenHash(4)))
        .isInstanceOf(ConflictException.class);

    assertThat(storage.executions().find(reported.id())).contains(reported);
    assertThat(storage.executions().reportTokenHash(reported.id())).hasValueSatisfying(
        stored -> assertThat(stored).isEqualTo(StorageFixtures.tokenHash(3)));
    // it has a lease that heartbeats renew, and it does not block the job's queue
    assertThat(store().renewLease(reported.id(), 1, 99, NOW, Duration.ofMinutes(1))).isTrue();
    assertThat(storage.executions().find(reported.id()).orElseThrow().progressBytes()).isEqualTo(99);
    store().enqueue(queued(job.id(), NOW, Optional.empty()));
    assertThat(store().claim("o", NOW, Duration.ofMinutes(1), 1, Set.of())).hasSize(1);
    assertThat(storage.executions().reportTokenHash(reported.id())).hasValueSatisfying(
        stored -> assertThat(stored).isEqualTo(StorageFixtures.tokenHash(3)));
  }

  @Test
  void atMostOneSubmissionOfAJobWaitsInTheQueue() {
    Job job = job("submitted");
    Job other = job("other");
    QueuedExecution first = submitted(job.id());
    store().enqueue(first);
    assertThatThrownBy(() -> store().enqueue(submitted(job.id())))
        .isInstanceOf(ConflictException.class).hasMessageContaining(job.id().toString());
    // other jobs, scheduled fires and retries are not limited by it
    store().enqueue(submitted(other.id()));
    store().enqueue(queued(job.id(), NOW, Optional.empty()));

    // once the submission started, the job can be submitted again
    assertThat(store().claim("o", NOW, Duration.ofMinutes(1), 10, Set.of())).extracting(c -> c.execution().id())
        .contains(first.execution().id());
    QueuedExecution second = submitted(job.id());
    store().enqueue(second);
    // and once a queued submission is cancelled
    assertThat(store().cancelPending(second.execution().id(), NOW)).isTrue();
    store().enqueue(submitted(job.id()));
  }

  @Test
  void concurrentSubmissionsOfOneJobQueueOne() throws Exception {
    Job job = job("raced");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> tries = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        tries.add(threads.submit(() -> {
          start.await();
          try {
            store().enqueue(submitted(job.id()));
            return true;
          } catch (ConflictException refused) {
            return false;
          }
        }));
      }
      start.countDown();
      int queued = 0;
      for (Future<Boolean> f : tries) {
        queued += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(queued).isEqualTo(1);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void pendingIsCancelledAtOnceAndRunningOnlyFlagged() {
    Job job = job("cancel");
    QueuedExecution q = queued(job.id(), NOW, Optional.empty());
    store().enqueue(q);
    assertThat(store().requestCancel(q.execution().id())).isFalse();
    assertThat(store().cancelPending(q.execution().id(), NOW)).isTrue();
    assertThat(storage.executions().find(q.execution().id()).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELLED);

    QueuedExecution r = queued(job.id(), NOW, Optional.empty());
    store().enqueue(r);
    ClaimedExecution c = store().claim("o", NOW, Duration.ofMinutes(1), 1, Set.of()).get(0);
    assertThat(store().cancelPending(c.execution().id(), NOW)).isFalse();
    assertThat(store().requestCancel(c.execution().id())).isTrue();
    assertThat(store().cancelRequested(List.of(c.execution().id()))).containsExactly(c.execution().id());
  }

  private static ExecutionOutcome succeeded(CopyResult... copies) {
    return new ExecutionOutcome(ExecutionStatus.SUCCEEDED, NOW, 7, 1, Optional.empty(), List.of(copies));
  }

  private List<ClaimedExecution> claimOnePerJob(int jobs) {
    for (int i = 0; i < jobs; i++) {
      store().enqueue(queued(job("batch-" + i).id(), NOW, Optional.empty()));
    }
    List<ClaimedExecution> claimed = store().claim("o", NOW, Duration.ofMinutes(1), jobs, Set.of());
    assertThat(claimed).hasSize(jobs);
    return claimed;
  }

  @Test
  void finishAllOfDistinctExecutionsWritesCopiesOfTheFreshOnesOnly() {
    List<ClaimedExecution> claimed = claimOnePerJob(3);
    Execution a = claimed.get(0).execution();
    Execution b = claimed.get(1).execution();
    Execution c = claimed.get(2).execution();
    List<Boolean> written = storage.executions().finishAll(List.of(
        new Completion(c.id(), c.version(), succeeded(StorageFixtures.copyResult("tape", "filesystem"),
            StorageFixtures.copyResult("cloud", "filesystem"))),
        new Completion(b.id(), b.version() + 1, succeeded(StorageFixtures.copyResult("stale", "filesystem"))),
        new Completion(a.id(), a.version(), succeeded(StorageFixtures.copyResult("nas", "filesystem")))));
    assertThat(written).containsExactly(true, false, true);

    assertThat(storage.executions().find(a.id()).orElseThrow().copies()).extracting(CopyResult::copyName)
        .containsExactly("nas");
    Execution stillB = storage.executions().find(b.id()).orElseThrow();
    assertThat(stillB.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(stillB.copies()).isEmpty();
    Execution doneC = storage.executions().find(c.id()).orElseThrow();
    assertThat(doneC.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(doneC.copies()).extracting(CopyResult::copyName).containsExactly("tape", "cloud");
  }

  @Test
  void finishAllWritesEachFreshCompletionAndRefusesEachStaleOneOnItsOwn() {
    List<ClaimedExecution> claimed = claimOnePerJob(3);
    Execution a = claimed.get(0).execution();
    Execution b = claimed.get(1).execution();
    Execution c = claimed.get(2).execution();
    List<Boolean> written = storage.executions().finishAll(List.of(
        new Completion(a.id(), a.version(), succeeded(StorageFixtures.copyResult("nas", "filesystem"))),
        new Completion(b.id(), b.version() - 1, succeeded(StorageFixtures.copyResult("stale", "filesystem"))),
        new Completion(c.id(), c.version(), succeeded()),
        // a second completion of a: the first one finished it
        new Completion(a.id(), a.version(), succeeded(StorageFixtures.copyResult("late", "filesystem")))));
    assertThat(written).containsExactly(true, false, true, false);

    Execution doneA = storage.executions().find(a.id()).orElseThrow();
    assertThat(doneA.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(doneA.bytes()).isEqualTo(7);
    assertThat(doneA.copies()).extracting(CopyResult::copyName).containsExactly("nas");
    Execution stillB = storage.executions().find(b.id()).orElseThrow();
    assertThat(stillB.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(stillB.copies()).isEmpty();
    assertThat(storage.executions().find(c.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // b's real owner still finishes it; finishing a again is refused
    assertThat(storage.executions().finishAll(List.of(new Completion(b.id(), b.version(), succeeded()),
        new Completion(a.id(), a.version(), succeeded())))).containsExactly(true, false);
    assertThat(storage.executions().finishAll(List.of())).isEmpty();
  }

  @Test
  void finishedExecutionsNoLongerCountAsRunningForTheirJob() {
    List<ClaimedExecution> claimed = claimOnePerJob(2);
    for (ClaimedExecution c : claimed) {
      store().enqueue(queued(c.execution().jobId(), NOW, Optional.empty()));
    }
    // each job's second execution waits while its first runs
    assertThat(store().claim("o", NOW, Duration.ofMinutes(1), 10, Set.of())).isEmpty();
    storage.executions().finishAll(claimed.stream()
        .map(c -> new Completion(c.execution().id(), c.execution().version(), succeeded())).toList());
    assertThat(store().claim("o", NOW, Duration.ofMinutes(1), 10, Set.of())).hasSize(2);
  }

  @Test
  void concurrentFinishesEachGetTheirOwnAnswer() throws Exception {
    List<ClaimedExecution> claimed = claimOnePerJob(16);
    ExecutorService threads = Executors.newFixedThreadPool(32);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> fresh = new ArrayList<>();
      List<Future<Boolean>> stale = new ArrayList<>();
      for (ClaimedExecution c : claimed) {
        Execution e = c.execution();
        stale.add(threads.submit(() -> {
          start.await();
          return storage.executions().finish(e.id(), e.version() - 1, succeeded(StorageFixtures.copyResult("x", "fs")));
        }));
        fresh.add(threads.submit(() -> {
          start.await();
          return storage.executions().finish(e.id(), e.version(), succeeded(StorageFixtures.copyResult("nas", "fs")));
        }));
      }
      start.countDown();
      for (Future<Boolean> f : fresh) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
      }
      for (Future<Boolean> f : stale) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isFalse();
      }
    } finally {
      threads.shutdownNow();
    }
    for (ClaimedExecution c : claimed) {
      Execution done = storage.executions().find(c.execution().id()).orElseThrow();
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.copies()).extracting(CopyResult::copyName).containsExactly("nas");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
