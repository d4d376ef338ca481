package dev.bms.testkit.storage;

import static dev.bms.testkit.storage.StorageFixtures.T0;
import static dev.bms.testkit.storage.StorageFixtures.bareExecution;
import static dev.bms.testkit.storage.StorageFixtures.copyResult;
import static dev.bms.testkit.storage.StorageFixtures.execution;
import static dev.bms.testkit.storage.StorageFixtures.failedCopy;
import static dev.bms.testkit.storage.StorageFixtures.fullJob;
import static dev.bms.testkit.storage.StorageFixtures.minimalJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static dev.bms.testkit.storage.StorageFixtures.reportedRunning;
import static dev.bms.testkit.storage.StorageFixtures.tokenHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.ConflictException;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.ExecutionTrigger;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.JobOverview;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.RetryPolicy;
import dev.bms.api.model.Schedule;
import dev.bms.spi.storage.ExecutionOutcome;
import dev.bms.spi.storage.ExecutionStore;
import dev.bms.spi.storage.JobStore;
import dev.bms.spi.storage.Storage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Storage#jobs()} and {@link Storage#executions()}, which every storage
 * has: round trips of every field, filters and keyset pages, overviews, versioned updates and
 * deletes. A group of {@link StorageCompatibilityKit}. Ids are time-ordered
 * ({@link TimeOrderedIds}) as bms core makes them. Instants in the fixtures are whole
 * microseconds, the precision storage must keep.
 */
public abstract class JobAndExecutionChecks extends StoreChecks {
  private JobStore jobs() {
    return storage.jobs();
  }

  private ExecutionStore executions() {
    return storage.executions();
  }

  private Job insertJob(BackupJob definition) {
    Job job = newJob(definition);
    jobs().insert(job);
    return job;
  }

  // ---------------------------------------------------------------- jobs

  @Test
  public void jobRoundTripsEveryDefinitionField() {
    Job job = insertJob(fullJob("payroll-files"));

    assertThat(jobs().find(job.id())).contains(job);
    assertThat(jobs().findByName("payroll-files")).contains(job);
    assertThat(jobs().find(job.id()).orElseThrow().definition().copies().get(1).retention())
        .isEqualTo(job.definition().copies().get(1).retention()).isPresent();
  }

  @Test
  public void jobRoundTripsEveryScheduleKindAndAbsentOptionals() {
    List<Schedule> schedules = List.of(
        Schedule.cron("*/5 * * * 1-5", ZoneId.of("America/New_York")),
        Schedule.cron("0 3 * * *", ZoneId.of("UTC")),
        Schedule.interval(Duration.ofMinutes(15).plusSeconds(7)),
        Schedule.manual());
    for (int i = 0; i < schedules.size(); i++) {
      Job job = insertJob(minimalJob("schedule-" + i).toBuilder().schedule(schedules.get(i)).build());
      Job read = jobs().find(job.id()).orElseThrow();
      assertThat(read).isEqualTo(job);
      assertThat(read.definition().schedule()).isEqualTo(schedules.get(i));
      assertThat(read.definition().rpo()).isEmpty();
      assertThat(read.definition().timeout()).isEmpty();
      assertThat(read.definition().copies().get(0).retention()).isEmpty();
      assertThat(read.definition().labels()).isEmpty();
    }
  }

  @Test
  public void jobKeepsInstantsToTheMicrosecond() {
    Instant created = Instant.parse("2026-10-25T01:30:00.123456789Z");
    Job job = new Job(new JobId(TimeOrderedIds.next()), minimalJob("precise"), 1, created, created.plusNanos(1));
    jobs().insert(job);

    Job read = jobs().find(job.id()).orElseThrow();
    assertThat(read.createdAt()).isEqualTo(created.truncatedTo(ChronoUnit.MICROS));
    assertThat(read.updatedAt()).isEqualTo(created.plusNanos(1).truncatedTo(ChronoUnit.MICROS));
  }

  @Test
  public void missingJobsAreEmpty() {
    assertThat(jobs().find(new JobId(UUID.randomUUID()))).isEmpty();
    assertThat(jobs().findByName("nobody")).isEmpty();
    assertThat(jobs().delete(new JobId(UUID.randomUUID()))).isFalse();
  }

  @Test
  public void duplicateNameIsAConflictAndWritesNothing() {
    Job first = insertJob(fullJob("dup"));
    Job second = newJob(minimalJob("dup").toBuilder().label("other", "x").build());

    assertThatThrownBy(() -> jobs().insert(second)).isInstanceOf(ConflictException.class).hasMessageContaining("dup");
    assertThat(jobs().find(second.id())).isEmpty();
    assertThat(jobs().findByName("dup")).contains(first);
    assertThat(jobs().count(JobFilter.all())).isEqualTo(1);
    assertThat(jobs().count(JobFilter.all().withLabel("other", "x"))).isZero();
  }

  @Test
  public void duplicateJobIdIsAConflict() {
    Job first = insertJob(minimalJob("one"));
    Job sameId = new Job(first.id(), minimalJob("two"), 1, T0, T0);

    assertThatThrownBy(() -> jobs().insert(sameId)).isInstanceOf(ConflictException.class);
    assertThat(jobs().findByName("two")).isEmpty();
  }

  @Test
  public void updateNeedsTheExpectedVersion() {
    Job v1 = insertJob(fullJob("versioned"));
    BackupJob changed = v1.definition().toBuilder()
        .name("versioned-renamed")
        .labels(Map.of("team", "finance"))
        .schedule(Schedule.interval(Duration.ofHours(6)))
        .clearCopies()
        .copy(CopySpec.target("sftp", Map.of("host", "backup.example")).named("remote"))
        .enabled(true)
        .build();
    Job v2 = new Job(v1.id(), changed, 2, v1.createdAt(), T0.plusSeconds(60));

    assertThat(jobs().update(v2, 1)).isTrue();
    assertThat(jobs().find(v1.id())).contains(v2);
    assertThat(jobs().findByName("versioned")).isEmpty();
    assertThat(jobs().count(JobFilter.all().withLabel("team", "finance"))).isEqualTo(1);
    assertThat(jobs().count(JobFilter.all().withLabel("team", "payroll"))).isZero();
    assertThat(jobs().count(JobFilter.all().withLabel("tier", "gold"))).isZero();
    assertThat(jobs().count(JobFilter.all().withEnabled(true))).isEqualTo(1);

    Job stale = new Job(v1.id(), minimalJob("stale-write"), 3, v1.createdAt(), T0.plusSeconds(120));
    assertThat(jobs().update(stale, 1)).isFalse();
    assertThat(jobs().find(v1.id())).contains(v2);

    Job missing = newJob(minimalJob("ghost"));
    assertThat(jobs().update(missing, 1)).isFalse();
    assertThat(jobs().find(missing.id())).isEmpty();
  }

  @Test
  public void updateToATakenNameIsAConflictAndWritesNothing() {
    insertJob(minimalJob("taken"));
    Job other = insertJob(fullJob("other"));
    Job renamed = new Job(other.id(), other.definition().toBuilder().name("taken").labels(Map.of()).build(), 2,
        other.createdAt(), T0.plusSeconds(5));

    assertThatThrownBy(() -> jobs().update(renamed, 1)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("taken");
    assertThat(jobs().find(other.id())).contains(other);
    assertThat(jobs().count(JobFilter.all().withLabel("team", "payroll"))).isEqualTo(1);
  }

  @Test
  public void deleteCascadesToExecutionsAndCopyResults() {
    Job job = insertJob(fullJob("doomed"));
    Job survivor = insertJob(minimalJob("survivor"));
    Execution done = execution(job.id(), ExecutionStatus.SUCCEEDED, T0);
    Execution other = execution(survivor.id(), ExecutionStatus.SUCCEEDED, T0);
    executions().insert(done);
    executions().insert(other);

    assertThat(jobs().delete(job.id())).isTrue();

    assertThat(jobs().find(job.id())).isEmpty();
    assertThat(jobs().count(JobFilter.all().withLabel("team", "payroll"))).isZero();
    assertThat(executions().find(done.id())).isEmpty();
    assertThat(executions().list(ExecutionFilter.forJob(job.id()), PageRequest.first(10)).items()).isEmpty();
    assertThat(executions().lastSuccessByJob()).containsOnlyKeys(survivor.id());
    assertThat(executions().jobsByLatestStatus()).containsExactly(Map.entry(ExecutionStatus.SUCCEEDED, 1L));
    assertThat(executions().find(other.id())).contains(other);
    assertThat(jobs().delete(job.id())).isFalse();
  }

  @Test
  public void findAllReturnsTheExistingOnesInOneCall() {
    Job a = insertJob(minimalJob("a"));
    Job b = insertJob(fullJob("b"));
    insertJob(minimalJob("c"));

    assertThat(jobs().findAll(List.of(a.id(), b.id(), new JobId(UUID.randomUUID()), a.id())))
        .containsExactlyInAnyOrder(a, b);
    assertThat(jobs().findAll(List.of())).isEmpty();
  }

  @Test
  public void filtersByEnabledLabelsAndNamePrefix() {
    Job payrollDb = insertJob(minimalJob("payroll-db").toBuilder().label("team", "payroll").label("kind", "db").build());
    Job payrollFiles = insertJob(minimalJob("payroll-files").toBuilder().label("team", "payroll").label("kind", "files")
        .enabled(false).build());
    Job hrDb = insertJob(minimalJob("hr-db").toBuilder().label("team", "hr").label("kind", "db").build());
    Job literal = insertJob(minimalJob("pay_x").toBuilder().build());
    Job percent = insertJob(minimalJob("payXroll").toBuilder().build());

    assertFilter(JobFilter.all(), payrollDb, payrollFiles, hrDb, literal, percent);
    assertFilter(JobFilter.all().withEnabled(false), payrollFiles);
    assertFilter(JobFilter.all().withEnabled(true), payrollDb, hrDb, literal, percent);
    assertFilter(JobFilter.all().withLabel("team", "payroll"), payrollDb, payrollFiles);
    assertFilter(JobFilter.all().withLabel("kind", "db"), payrollDb, hrDb);
    assertFilter(JobFilter.all().withLabel("team", "payroll").withLabel("kind", "db"), payrollDb);
    assertFilter(JobFilter.all().withLabel("team", "nobody"));
    assertFilter(JobFilter.all().withLabel("kind", "db").withEnabled(true).withNamePrefix("hr"), hrDb);
    assertFilter(JobFilter.all().withNamePrefix("payroll"), payrollDb, payrollFiles);
    // '_' and '%' in a prefix are literal characters, not wildcards
    assertFilter(JobFilter.all().withNamePrefix("pay_"), literal);
    assertFilter(JobFilter.all().withNamePrefix("pay%"));
    assertFilter(JobFilter.all().withNamePrefix("PAYROLL"));
  }

  private void assertFilter(JobFilter filter, Job... expected) {
    List<Job> listed = jobs().list(filter, PageRequest.first(100)).items();
    assertThat(listed).as("list %s", filter).containsExactlyElementsOf(sortedById(List.of(expected)));
    assertThat(jobs().count(filter)).as("count %s", filter).isEqualTo(expected.length);
    assertThat(jobs().overview(filter, PageRequest.first(100)).items()).as("overview %s", filter)
        .extracting(JobOverview::job).containsExactlyElementsOf(sortedById(List.of(expected)));
  }

  private static List<Job> sortedById(List<Job> jobs) {
    return jobs.stream().sorted(Comparator.comparing(Job::id)).toList();
  }

  @Test
  public void listPagesByIdWithoutDuplicatesOrGaps() {
    List<Job> all = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      all.add(insertJob(minimalJob("job-" + i).toBuilder().label("parity", i % 2 == 0 ? "even" : "odd").build()));
    }

    assertThat(collectPages(p -> jobs().list(JobFilter.all(), p), 5)).containsExactlyElementsOf(sortedById(all));
    assertThat(collectPages(p -> jobs().list(JobFilter.all().withLabel("parity", "even"), p), 3))
        .containsExactlyElementsOf(sortedById(all.stream()
            .filter(j -> j.definition().labels().get("parity").equals("even")).toList()));
    // a page size dividing the total exactly ends with a page that says nothing follows
    Page<Job> firstTwentyThree = jobs().list(JobFilter.all(), PageRequest.first(23));
    assertThat(firstTwentyThree.items()).hasSize(23);
    assertThat(firstTwentyThree.nextCursor()).isEmpty();
    assertThat(jobs().list(JobFilter.all(), PageRequest.first(22)).nextCursor()).isPresent();
  }

  /** Follows cursors to the end, checking every page but the last is full. */
  private static <T> List<T> collectPages(Function<PageRequest, Page<T>> fetch, int size) {
    List<T> items = new ArrayList<>();
    PageRequest request = PageRequest.first(size);
    int pages = 0;
    while (true) {
      Page<T> page = fetch.apply(request);
      pages++;
      items.addAll(page.items());
      if (page.nextCursor().isEmpty()) {
        break;
      }
      assertThat(page.items()).hasSize(size);
      assertThat(pages).as("pages").isLessThan(1000);
      request = page.next(size).orElseThrow();
    }
    assertThat(pages).as("pages").isGreaterThan(2);
    assertThat(new HashSet<>(items)).hasSameSizeAs(items);
    return items;
  }

  @Test
  public void malformedCursorsAreInvalidRequests() {
    insertJob(minimalJob("one"));
    String garbage = "%%% not base64 %%%";
    String wrongContent = Base64.getUrlEncoder().encodeToString("hello".getBytes());

    for (String cursor : List.of(garbage, wrongContent)) {
      assertThatThrownBy(() -> jobs().list(JobFilter.all(), PageRequest.after(cursor, 5)))
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cursor");
      assertThatThrownBy(() -> jobs().overview(JobFilter.all(), PageRequest.after(cursor, 5)))
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cursor");
      assertThatThrownBy(() -> executions().list(ExecutionFilter.all(), PageRequest.after(cursor, 5)))
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cursor");
    }
  }

  @Test
  public void cursorsOfOneListingAreRefusedByTheOther() {
    Job job = insertJob(minimalJob("one"));
    insertJob(minimalJob("two"));
    executions().insert(execution(job.id(), ExecutionStatus.SUCCEEDED, T0));
    executions().insert(execution(job.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(1)));
    String jobCursor = jobs().list(JobFilter.all(), PageRequest.first(1)).nextCursor().orElseThrow();
    String executionCursor = executions().list(ExecutionFilter.all(), PageRequest.first(1)).nextCursor().orElseThrow();

    assertThatThrownBy(() -> executions().list(ExecutionFilter.all(), PageRequest.after(jobCursor, 1)))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> jobs().list(JobFilter.all(), PageRequest.after(executionCursor, 1)))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  public void countMatchesTheFilter() {
    assertThat(jobs().count(JobFilter.all())).isZero();
    for (int i = 0; i < 7; i++) {
      insertJob(minimalJob("n" + i).toBuilder().enabled(i < 3).build());
    }
    assertThat(jobs().count(JobFilter.all())).isEqualTo(7);
    assertThat(jobs().count(JobFilter.all().withEnabled(true))).isEqualTo(3);
  }

  // ---------------------------------------------------------------- overview

  @Test
  public void overviewShowsLatestExecutionWithCopiesAndLastSuccess() {
    Job neverRun = insertJob(minimalJob("never-run"));
    Job failing = insertJob(fullJob("failing"));
    Job running = insertJob(minimalJob("running"));

    Execution oldSuccess = execution(failing.id(), ExecutionStatus.SUCCEEDED, T0);
    Execution latestFailure = execution(failing.id(), ExecutionStatus.FAILED, T0.plusSeconds(3600));
    Execution success1 = execution(running.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(10));
    Execution success2 = execution(running.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(7200));
    Execution current = execution(running.id(), ExecutionStatus.RUNNING, T0.plusSeconds(9000));
    // inserted out of order: the newest is chosen by creation time, not insertion order
    for (Execution e : List.of(latestFailure, current, oldSuccess, success2, success1)) {
      executions().insert(e);
    }

    Page<JobOverview> page = jobs().overview(JobFilter.all(), PageRequest.first(10));

    assertThat(page.nextCursor()).isEmpty();
    assertThat(page.items()).containsExactly(
        new JobOverview(neverRun, Optional.empty(), Optional.empty()),
        new JobOverview(failing, Optional.of(latestFailure), oldSuccess.finishedAt()),
        new JobOverview(running, Optional.of(current), success2.finishedAt()));
    assertThat(page.items().get(1).lastExecution().orElseThrow().copies())
        .containsExactly(copyResult("nas", "filesystem"), failedCopy("cloud"));
  }

  @Test
  public void overviewBreaksCreationTimeTiesById() {
    Job job = insertJob(minimalJob("ties"));
    Execution first = execution(job.id(), ExecutionStatus.FAILED, T0);
    Execution second = execution(job.id(), ExecutionStatus.SUCCEEDED, T0);
    executions().insert(second);
    executions().insert(first);

    Execution newest = first.id().compareTo(second.id()) > 0 ? first : second;
    assertThat(jobs().overview(JobFilter.all(), PageRequest.first(5)).items().get(0).lastExecution())
        .contains(newest);
  }

  @Test
  public void overviewPagesAndFilters() {
    List<Job> all = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      Job job = insertJob(minimalJob("ov-" + i).toBuilder().label("group", i < 8 ? "a" : "b").build());
      all.add(job);
      for (int k = 0; k <= i % 3; k++) {
        executions().insert(execution(job.id(), k % 2 == 0 ? ExecutionStatus.SUCCEEDED : ExecutionStatus.PARTIAL,
            T0.plusSeconds(100L * i + k)));
      }
    }

    List<JobOverview> overviews = collectPages(p -> jobs().overview(JobFilter.all(), p), 3);
    assertThat(overviews).extracting(JobOverview::job).containsExactlyElementsOf(sortedById(all));
    for (JobOverview o : overviews) {
      List<Execution> history = executions().list(ExecutionFilter.forJob(o.job().id()), PageRequest.first(10)).items();
      assertThat(o.lastExecution()).contains(history.get(0));
      assertThat(o.lastSuccessAt()).isEqualTo(history.stream()
          .filter(e -> e.status() == ExecutionStatus.SUCCEEDED).findFirst().orElseThrow().finishedAt());
    }
    assertThat(collectPages(p -> jobs().overview(JobFilter.all().withLabel("group", "a"), p), 2))
        .extracting(JobOverview::job).containsExactlyElementsOf(sortedById(all.subList(0, 8)));
  }

  // ---------------------------------------------------------------- executions

  @Test
  public void executionRoundTripsEveryField() {
    Job job = insertJob(fullJob("exec"));
    Execution full = execution(job.id(), ExecutionStatus.PARTIAL, T0);
    Execution bare = bareExecution(job.id(), T0.plusSeconds(1));
    Execution failed = execution(job.id(), ExecutionStatus.FAILED, T0.plusSeconds(2));
    Execution retry = new Execution(new ExecutionId(TimeOrderedIds.next()), job.id(), ExecutionMode.MANAGED,
        ExecutionTrigger.RETRY, ExecutionStatus.RUNNING, Optional.empty(), T0.plusSeconds(3),
        Optional.of(T0.plusSeconds(4)), Optional.empty(), Optional.of(T0.plusSeconds(5)), 77, 0, 0, 2,
        Optional.of("node-2"), 9, Optional.empty(), List.of(copyResult("nas", "filesystem")));
    for (Execution e : List.of(full, bare, failed, retry)) {
      executions().insert(e);
      assertThat(executions().find(e.id())).contains(e);
    }
    assertThat(executions().find(new ExecutionId(UUID.randomUUID()))).isEmpty();
  }

  @Test
  public void reportedExecutionKeepsTheHashOfItsReportTokenAndNothingElseHasOne() {
    Job job = insertJob(minimalJob("reported-token"));
    Execution reported = reportedRunning(job.id(), T0);
    Execution other = reportedRunning(job.id(), T0.plusSeconds(1));
    Execution managed = execution(job.id(), ExecutionStatus.RUNNING, T0.plusSeconds(2));
    byte[] hash = tokenHash(7);

    executions().insertReported(reported, hash);
    executions().insertReported(other, tokenHash(90));
    executions().insert(managed);
    hash[0] = 0; // the storage kept its own copy

    assertThat(executions().find(reported.id())).contains(reported);
    assertThat(executions().reportTokenHash(reported.id())).hasValueSatisfying(
        stored -> assertThat(stored).isEqualTo(tokenHash(7)));
    assertThat(executions().reportTokenHash(other.id())).hasValueSatisfying(
        stored -> assertThat(stored).isEqualTo(tokenHash(90)));
    assertThat(executions().reportTokenHash(managed.id())).isEmpty();
    assertThat(executions().reportTokenHash(new ExecutionId(UUID.randomUUID()))).isEmpty();

    // the hash outlives the run unchanged
    assertThat(executions().finish(reported.id(), 1, new ExecutionOutcome(ExecutionStatus.FAILED, T0.plusSeconds(9),
        0, 0, Optional.of("tool failed"), List.of()))).isTrue();
    assertThat(executions().reportTokenHash(reported.id())).hasValueSatisfying(
        stored -> assertThat(stored).isEqualTo(tokenHash(7)));
  }

  @Test
  public void reportedExecutionWithATakenIdIsAConflictAndKeepsTheFirstHash() {
    Job job = insertJob(minimalJob("reported-dup"));
    Execution reported = reportedRunning(job.id(), T0);
    executions().insertReported(reported, tokenHash(1));

    assertThatThrownBy(() -> executions().insertReported(reported, tokenHash(2)))
        .isInstanceOf(ConflictException.class).hasMessageContaining(reported.id().toString());
    assertThat(executions().reportTokenHash(reported.id())).hasValueSatisfying(
        stored -> assertThat(stored).isEqualTo(tokenHash(1)));
  }

  @Test
  public void executionKeepsInstantsToTheMicrosecond() {
    Job job = insertJob(minimalJob("precise"));
    Instant created = Instant.parse("2026-03-29T01:59:59.999999999Z");
    Execution e = execution(job.id(), ExecutionStatus.SUCCEEDED, created);

    executions().insert(e);

    Execution read = executions().find(e.id()).orElseThrow();
    assertThat(read.createdAt()).isEqualTo(created.truncatedTo(ChronoUnit.MICROS));
    assertThat(read.finishedAt()).contains(created.plusSeconds(60).truncatedTo(ChronoUnit.MICROS));
  }

  @Test
  public void duplicateExecutionIdIsAConflict() {
    Job job = insertJob(minimalJob("dup-exec"));
    Execution e = execution(job.id(), ExecutionStatus.SUCCEEDED, T0);
    executions().insert(e);

    Execution again = execution(job.id(), ExecutionStatus.FAILED, T0.plusSeconds(1));
    Execution sameId = new Execution(e.id(), again.jobId(), again.mode(), again.trigger(), again.status(),
        again.scheduledFor(), again.createdAt(), again.startedAt(), again.finishedAt(), again.heartbeatAt(),
        again.progressBytes(), again.bytes(), again.files(), again.attempt(), again.owner(), again.version(),
        again.error(), again.copies());
    assertThatThrownBy(() -> executions().insert(sameId)).isInstanceOf(ConflictException.class);
    assertThat(executions().find(e.id())).contains(e);
  }

  @Test
  public void executionsListNewestFirstWithFiltersAndPaging() {
    Job a = insertJob(minimalJob("a"));
    Job b = insertJob(minimalJob("b"));
    List<Execution> all = new ArrayList<>();
    ExecutionStatus[] cycle = {ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED, ExecutionStatus.RUNNING};
    for (int i = 0; i < 14; i++) {
      // pairs share a creation time, so paging must break ties by id
      Execution e = execution(i % 2 == 0 ? a.id() : b.id(), cycle[i % 3], T0.plusSeconds(10L * (i / 2)));
      executions().insert(e);
      all.add(e);
    }
    Comparator<Execution> newestFirst = Comparator.comparing(Execution::createdAt).thenComparing(Execution::id).reversed();

    assertThat(collectPages(p -> executions().list(ExecutionFilter.all(), p), 4))
        .containsExactlyElementsOf(all.stream().sorted(newestFirst).toList());
    assertThat(collectPages(p -> executions().list(ExecutionFilter.forJob(a.id()), p), 2))
        .containsExactlyElementsOf(all.stream().filter(e -> e.jobId().equals(a.id())).sorted(newestFirst).toList());
    assertThat(collectPages(p -> executions().list(ExecutionFilter.all()
            .withStatuses(Set.of(ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED)), p), 3))
        .containsExactlyElementsOf(all.stream().filter(e -> e.status() != ExecutionStatus.RUNNING)
            .sorted(newestFirst).toList());
    Instant from = T0.plusSeconds(20);
    Instant before = T0.plusSeconds(50);
    assertThat(executions().list(ExecutionFilter.forJob(b.id()).withStatuses(Set.of(ExecutionStatus.FAILED,
            ExecutionStatus.SUCCEEDED, ExecutionStatus.RUNNING)).createdBetween(from, before), PageRequest.first(100))
        .items())
        .containsExactlyElementsOf(all.stream().filter(e -> e.jobId().equals(b.id()))
            .filter(e -> !e.createdAt().isBefore(from) && e.createdAt().isBefore(before)).sorted(newestFirst).toList());
    assertThat(executions().list(ExecutionFilter.all().withStatuses(Set.of(ExecutionStatus.ABANDONED)),
        PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  public void heartbeatNeedsTheCurrentVersionOfALiveExecution() {
    Job job = insertJob(minimalJob("beat"));
    Execution running = execution(job.id(), ExecutionStatus.RUNNING, T0);
    executions().insert(running);
    Instant at = T0.plusSeconds(90).plusNanos(1_500);

    assertThat(executions().heartbeat(running.id(), running.version(), 4_096, at)).isTrue();
    Execution beaten = executions().find(running.id()).orElseThrow();
    assertThat(beaten.progressBytes()).isEqualTo(4_096);
    assertThat(beaten.heartbeatAt()).contains(at.truncatedTo(ChronoUnit.MICROS));
    assertThat(beaten.version()).isEqualTo(running.version());

    assertThat(executions().heartbeat(running.id(), running.version() - 1, 9_999, at.plusSeconds(30))).isFalse();
    assertThat(executions().heartbeat(running.id(), running.version() + 1, 9_999, at.plusSeconds(30))).isFalse();
    assertThat(executions().find(running.id())).contains(beaten);

    Execution pending = execution(job.id(), ExecutionStatus.PENDING, T0.plusSeconds(1));
    executions().insert(pending);
    assertThat(executions().heartbeat(pending.id(), pending.version(), 1, at)).isTrue();

    Execution finished = execution(job.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(2));
    executions().insert(finished);
    assertThat(executions().heartbeat(finished.id(), finished.version(), 1, at)).isFalse();
    assertThat(executions().find(finished.id())).contains(finished);

    assertThat(executions().heartbeat(new ExecutionId(UUID.randomUUID()), 1, 1, at)).isFalse();
  }

  @Test
  public void finishWritesTheOutcomeAndEveryCopyResultOnce() {
    Job job = insertJob(fullJob("finish"));
    Execution running = execution(job.id(), ExecutionStatus.RUNNING, T0)
        .withCopies(List.of(failedCopy("provisional")));
    executions().insert(running);
    CopyResult nas = copyResult("nas", "filesystem");
    CopyResult cloud = new CopyResult("cloud", "s3", dev.bms.api.model.CopyStatus.FAILED, 10, 1,
        Duration.ofSeconds(3), Optional.empty(), Optional.of("s3://bk/partial"), Optional.empty(),
        Optional.of("access denied"));
    Instant finishedAt = T0.plusSeconds(300);
    ExecutionOutcome outcome = new ExecutionOutcome(ExecutionStatus.PARTIAL, finishedAt, 2_048, 12,
        Optional.of("copy 'cloud' failed"), List.of(nas, cloud));

    assertThat(executions().finish(running.id(), running.version() + 1, outcome)).isFalse();
    assertThat(executions().find(running.id())).contains(running);

    assertThat(executions().finish(running.id(), running.version(), outcome)).isTrue();
    Execution done = executions().find(running.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(ExecutionStatus.PARTIAL);
    assertThat(done.finishedAt()).contains(finishedAt);
    assertThat(done.bytes()).isEqualTo(2_048);
    assertThat(done.progressBytes()).as("a finished execution has done all its bytes").isEqualTo(2_048);
    assertThat(done.files()).isEqualTo(12);
    assertThat(done.error()).contains("copy 'cloud' failed");
    assertThat(done.copies()).containsExactly(nas, cloud);
    assertThat(done.version()).isEqualTo(running.version());
    assertThat(done.startedAt()).isEqualTo(running.startedAt());
    assertThat(done.owner()).isEqualTo(running.owner());

    ExecutionOutcome second = new ExecutionOutcome(ExecutionStatus.SUCCEEDED, finishedAt.plusSeconds(1), 1, 1,
        Optional.empty(), List.of(copyResult("other", "s3")));
    assertThat(executions().finish(running.id(), running.version(), second)).isFalse();
    assertThat(executions().find(running.id())).contains(done);
    assertThat(executions().heartbeat(running.id(), running.version(), 1, finishedAt)).isFalse();

    assertThat(executions().finish(new ExecutionId(UUID.randomUUID()), 1, second)).isFalse();
  }

  @Test
  public void finishStoresTheManifestWithTheOutcome() {
    Job job = insertJob(minimalJob("manifest"));
    List<dev.bms.api.model.ManifestEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 2_500; i++) { // more than one multi-row insert
      entries.add(new dev.bms.api.model.ManifestEntry("dir/file-" + i + ".bin", i, "%064x".formatted(i)));
    }
    dev.bms.api.model.Manifest manifest = new dev.bms.api.model.Manifest(entries);
    Execution running = execution(job.id(), ExecutionStatus.RUNNING, T0);
    executions().insert(running);
    assertThat(executions().manifest(running.id())).isEmpty();

    assertThat(executions().finish(running.id(), running.version(), new ExecutionOutcome(ExecutionStatus.SUCCEEDED,
        T0.plusSeconds(9), manifest.totalBytes(), entries.size(), Optional.empty(), List.of(copyResult("nas", "filesystem")),
        Optional.of(manifest)))).isTrue();
    assertThat(executions().manifest(running.id())).contains(manifest);

    Execution empty = execution(job.id(), ExecutionStatus.RUNNING, T0.plusSeconds(60));
    executions().insert(empty);
    executions().finish(empty.id(), empty.version(), new ExecutionOutcome(ExecutionStatus.SUCCEEDED,
        T0.plusSeconds(61), 0, 0, Optional.empty(), List.of(), Optional.of(new dev.bms.api.model.Manifest(List.of()))));
    assertThat(executions().manifest(empty.id())).contains(new dev.bms.api.model.Manifest(List.of()));
    assertThat(executions().manifest(new ExecutionId(UUID.randomUUID()))).isEmpty();
  }

  @Test
  public void finishWithoutCopiesAndWithoutError() {
    Job job = insertJob(minimalJob("cancel"));
    Execution pending = execution(job.id(), ExecutionStatus.PENDING, T0);
    executions().insert(pending);

    ExecutionOutcome cancelled = new ExecutionOutcome(ExecutionStatus.CANCELLED, T0.plusSeconds(1), 0, 0,
        Optional.empty(), List.of());
    assertThat(executions().finish(pending.id(), pending.version(), cancelled)).isTrue();

    Execution read = executions().find(pending.id()).orElseThrow();
    assertThat(read.status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(read.error()).isEmpty();
    assertThat(read.copies()).isEmpty();
  }

  @Test
  public void lastSuccessByJobTakesTheNewestSuccessOfEachJob() {
    Job a = insertJob(minimalJob("a"));
    Job b = insertJob(minimalJob("b"));
    Job onlyFailures = insertJob(minimalJob("c"));
    insertJob(minimalJob("never"));
    Execution a1 = execution(a.id(), ExecutionStatus.SUCCEEDED, T0);
    Execution a2 = execution(a.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(500));
    Execution a3 = execution(a.id(), ExecutionStatus.FAILED, T0.plusSeconds(900));
    Execution b1 = execution(b.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(42));
    Execution b2 = execution(b.id(), ExecutionStatus.PARTIAL, T0.plusSeconds(4200));
    Execution c1 = execution(onlyFailures.id(), ExecutionStatus.FAILED, T0);
    for (Execution e : List.of(a3, a1, a2, b1, b2, c1)) {
      executions().insert(e);
    }

    assertThat(executions().lastSuccessByJob()).isEqualTo(Map.of(
        a.id(), a2.finishedAt().orElseThrow(),
        b.id(), b1.finishedAt().orElseThrow()));
  }

  @Test
  public void jobsByLatestStatusCountsEachJobOnce() {
    assertThat(executions().jobsByLatestStatus()).isEmpty();
    Job a = insertJob(minimalJob("a"));
    Job b = insertJob(minimalJob("b"));
    Job c = insertJob(minimalJob("c"));
    Job d = insertJob(minimalJob("d"));
    insertJob(minimalJob("never-run"));
    executions().insert(execution(a.id(), ExecutionStatus.FAILED, T0));
    executions().insert(execution(a.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(1)));
    executions().insert(execution(b.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(1)));
    executions().insert(execution(b.id(), ExecutionStatus.FAILED, T0));
    executions().insert(execution(c.id(), ExecutionStatus.SUCCEEDED, T0));
    executions().insert(execution(c.id(), ExecutionStatus.RUNNING, T0.plusSeconds(5)));
    executions().insert(execution(d.id(), ExecutionStatus.FAILED, T0.plusSeconds(9)));

    assertThat(executions().jobsByLatestStatus()).isEqualTo(Map.of(
        ExecutionStatus.SUCCEEDED, 2L,
        ExecutionStatus.RUNNING, 1L,
        ExecutionStatus.FAILED, 1L));
  }

  // ---------------------------------------------------------------- storage

  @Test
  public void nowIsTheDatabaseClock() {
    Instant before = Instant.now();
    Instant first = storage.now();
    Instant second = storage.now();

    // the database runs beside the tests: its clock is within a generous minute of ours
    assertThat(first).isBetween(before.minusSeconds(60), Instant.now().plusSeconds(60));
    assertThat(second).isAfterOrEqualTo(first);
    assertThat(first.truncatedTo(ChronoUnit.MICROS)).isEqualTo(first);
  }

  @Test
  public void startIsIdempotentAndDescribeNamesNoSecret() {
    Job job = insertJob(minimalJob("kept"));
    storage.start();

    assertThat(jobs().find(job.id())).contains(job);
    assertThat(storage.describe()).isNotBlank().doesNotContainIgnoringCase("password=");
  }

  @Test
  public void retryPolicyAndDurationsKeepTheirExactValues() {
    BackupJob definition = minimalJob("durations").toBuilder()
        .rpo(Duration.ofSeconds(93_784, 5))
        .timeout(Duration.ofMillis(1))
        .retry(new RetryPolicy(7, Duration.ofMillis(1_500), 3.25, Duration.ofHours(2)))
        .build();
    Job job = insertJob(definition);

    assertThat(jobs().find(job.id()).orElseThrow().definition()).isEqualTo(definition);
  }
}
