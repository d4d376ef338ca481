package dev.bms.testkit.storage;

import static dev.bms.testkit.storage.StorageFixtures.T0;
import static dev.bms.testkit.storage.StorageFixtures.bareExecution;
import static dev.bms.testkit.storage.StorageFixtures.execution;
import static dev.bms.testkit.storage.StorageFixtures.minimalJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.ConflictException;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract of the bulk execution methods of {@link dev.bms.spi.storage.ExecutionStore}:
 * {@code insertAll} (all or nothing) and {@code latestByJobs}. A group of
 * {@link StorageCompatibilityKit}.
 */
public abstract class ExecutionBatchChecks extends StoreChecks {
  @Test
  public void insertAllWritesEveryExecutionWithItsCopyResults() {
    Job a = job("a");
    Job b = job("b");
    List<Execution> batch = List.of(
        execution(a.id(), ExecutionStatus.SUCCEEDED, T0),
        execution(a.id(), ExecutionStatus.FAILED, T0.plusSeconds(10)),
        execution(b.id(), ExecutionStatus.RUNNING, T0.plusSeconds(20)),
        bareExecution(b.id(), T0.plusSeconds(30)));

    storage.executions().insertAll(batch);

    for (Execution e : batch) {
      assertThat(storage.executions().find(e.id())).contains(e);
    }
    assertThat(storage.executions().find(batch.get(0).id()).orElseThrow().copies()).hasSize(2);
  }

  @Test
  public void insertAllOfNothingWritesNothing() {
    storage.executions().insertAll(List.of());

    assertThat(storage.executions().list(ExecutionFilter.all(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  public void insertAllIsAllOrNothing() {
    Job a = job("a");
    Execution existing = execution(a.id(), ExecutionStatus.SUCCEEDED, T0);
    storage.executions().insert(existing);
    Execution fresh = execution(a.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(1));

    assertThatThrownBy(() -> storage.executions().insertAll(List.of(fresh, existing)))
        .isInstanceOf(ConflictException.class);

    assertThat(storage.executions().find(fresh.id())).isEmpty();
    assertThat(storage.executions().list(ExecutionFilter.all(), PageRequest.first(10)).items())
        .containsExactly(existing);
  }

  @Test
  public void latestByJobsGivesEachJobsNewestFirstUpToPerJob() {
    Job a = job("a");
    Job b = job("b");
    Job never = job("never-run");
    JobId unknown = new JobId(UUID.randomUUID());
    List<Execution> ofA = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ofA.add(execution(a.id(), i % 2 == 0 ? ExecutionStatus.SUCCEEDED : ExecutionStatus.FAILED,
          T0.plusSeconds(60L * i)));
    }
    List<Execution> ofB = List.of(execution(b.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(5)),
        execution(b.id(), ExecutionStatus.RUNNING, T0.plusSeconds(500)));
    List<Execution> all = new ArrayList<>(ofA);
    all.addAll(ofB);
    storage.executions().insertAll(all);

    Map<JobId, List<Execution>> latest = storage.executions()
        .latestByJobs(List.of(b.id(), never.id(), a.id(), unknown), 3);

    assertThat(latest.keySet()).containsExactly(b.id(), never.id(), a.id(), unknown);
    assertThat(latest.get(a.id())).containsExactly(ofA.get(4), ofA.get(3), ofA.get(2));
    assertThat(latest.get(b.id())).containsExactly(ofB.get(1), ofB.get(0));
    assertThat(latest.get(never.id())).isEmpty();
    assertThat(latest.get(unknown)).isEmpty();
    assertThat(latest.get(a.id()).get(0).copies()).hasSize(2);
  }

  @Test
  public void latestByJobsBreaksTiesOnCreationTimeByIdDescending() {
    Job a = job("a");
    Instant same = T0.plusSeconds(100);
    Execution first = execution(a.id(), ExecutionStatus.SUCCEEDED, same);
    Execution second = execution(a.id(), ExecutionStatus.FAILED, same);
    storage.executions().insertAll(List.of(first, second));

    List<Execution> latest = storage.executions().latestByJobs(List.of(a.id()), 10).get(a.id());

    List<ExecutionId> byIdDescending = new ArrayList<>(List.of(first.id(), second.id()));
    byIdDescending.sort((x, y) -> y.value().compareTo(x.value()));
    assertThat(latest).extracting(Execution::id).containsExactlyElementsOf(byIdDescending);
  }

  @Test
  public void latestByJobsCoversManyJobsInOneCall() {
    List<JobId> ids = new ArrayList<>();
    List<Execution> executions = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Job j = job("job-" + i);
      ids.add(j.id());
      executions.add(execution(j.id(), ExecutionStatus.SUCCEEDED, T0.plusSeconds(i)));
      executions.add(execution(j.id(), ExecutionStatus.FAILED, T0.plusSeconds(1000 + i)));
    }
    storage.executions().insertAll(executions);

    Map<JobId, List<Execution>> latest = storage.executions().latestByJobs(ids, 1);

    assertThat(latest).hasSize(300);
    assertThat(latest.values()).allSatisfy(list -> {
      assertThat(list).hasSize(1);
      assertThat(list.get(0).status()).isEqualTo(ExecutionStatus.FAILED);
    });
  }
}
