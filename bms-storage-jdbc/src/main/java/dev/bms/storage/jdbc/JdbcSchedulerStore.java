package dev.bms.storage.jdbc;

import dev.bms.api.ConflictException;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.spi.storage.ClaimedExecution;
import dev.bms.spi.storage.Fire;
import dev.bms.spi.storage.FirePlan;
import dev.bms.spi.storage.QueueDepth;
import dev.bms.spi.storage.QueuedExecution;
import dev.bms.spi.storage.ScheduleState;
import dev.bms.spi.storage.SchedulerStore;
import dev.bms.storage.jdbc.SchedulerRows.FireRow;
import dev.bms.storage.jdbc.SchedulerRows.QueueRow;
import dev.bms.storage.jdbc.SchedulerRows.ScheduleRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.ibatis.session.SqlSession;

/** {@link SchedulerStore} on {@code bms_schedule}, {@code bms_fire} and the queue columns of {@code bms_execution}. */
final class JdbcSchedulerStore implements SchedulerStore {
  private final Transactions tx;

  JdbcSchedulerStore(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public List<JobId> jobsToSync(int limit) {
    return tx.read("find jobs to schedule", s -> s.getMapper(SchedulerMapper.class).selectJobsToSync(limit)
        .stream().map(JobId::new).toList());
  }

  @Override
  public void saveSchedule(ScheduleState state) {
    Objects.requireNonNull(state, "state");
    ScheduleRow row = ScheduleRow.of(state);
    tx.write("save schedule of job " + state.jobId(), null, s -> s.getMapper(SchedulerMapper.class).upsertSchedule(row));
  }

  @Override
  public Optional<ScheduleState> schedule(JobId jobId) {
    return tx.read("read schedule of job " + jobId, s -> Optional.ofNullable(
        s.getMapper(SchedulerMapper.class).selectSchedule(jobId.value())).map(ScheduleRow::toState));
  }

  @Override
  public List<Fire> fireDue(String instance, Instant now, int limit,
                            BiFunction<List<ScheduleState>, Map<JobId, Job>, List<FirePlan>> planner) {
    Objects.requireNonNull(planner, "planner");
    return tx.write("fire due schedules", null, s -> {
      SchedulerMapper m = s.getMapper(SchedulerMapper.class);
      List<ScheduleState> due = m.selectDueSchedules(now, limit).stream().map(ScheduleRow::toState).toList();
      if (due.isEmpty()) {
        return List.<Fire>of();
      }
      // the planner runs under the schedules' row locks: it gets the jobs read here, on this connection
      Map<JobId, Job> jobs = jobs(s, due.stream().map(ScheduleState::jobId).toList());
      List<Fire> recorded = new ArrayList<>();
      for (FirePlan plan : planner.apply(due, jobs)) {
        for (Fire fire : plan.fires()) {
          if (m.insertFire(FireRow.of(fire, now, instance)) == 1) {
            fire.execution().ifPresent(q -> m.insertQueued(QueueRow.of(q)));
            recorded.add(fire);
          }
        }
        m.updateNextFire(plan.jobId().value(), plan.nextFireAt().orElse(null), now);
      }
      return recorded;
    });
  }

  /** The jobs with these ids that exist, read in the caller's transaction. */
  private static Map<JobId, Job> jobs(SqlSession s, List<JobId> ids) {
    Map<JobId, Job> jobs = new HashMap<>();
    if (!ids.isEmpty()) {
      UuidArray array = UuidArray.of(ids.stream().map(JobId::value).distinct().toList());
      s.getMapper(JobMapper.class).selectJobsByIds(array).forEach(row -> {
        Job job = row.toJob();
        jobs.put(job.id(), job);
      });
    }
    return jobs;
  }

  @Override
  public void enqueue(QueuedExecution execution) {
    Objects.requireNonNull(execution, "execution");
    QueueRow row = QueueRow.of(execution);
    tx.write("queue execution " + execution.execution().id(),
        sql -> new ConflictException("Job " + execution.execution().jobId() + " already has a queued run; cancel it or"
            + " wait until it starts"),
        s -> s.getMapper(SchedulerMapper.class).insertQueued(row));
  }

  @Override
  public List<ClaimedExecution> claim(String owner, Instant now, Duration lease, int limit, Set<String> excludedTargetTypes) {
    if (limit <= 0) {
      return List.of();
    }
    List<String> patterns = excludedTargetTypes.stream().sorted().map(t -> "%," + t + ",%").toList();
    // on PostgreSQL the claim statement turns JIT off first: see SchedulerMapper.xml
    return tx.write("claim executions",
        message -> new ConflictException("claim: another instance claimed a run of the same job at once: " + message),
        s -> s.getMapper(SchedulerMapper.class)
        .claim(owner, now, lease.toMillis(), limit, candidates(limit), patterns).stream().map(QueueRow::toClaimed).toList());
  }

  /**
   * Unlocked candidates per claim: more than asked for, since other instances may hold some of the
   * same heads; what this claim cannot lock is left for the next.
   */
  private static int candidates(int limit) {
    return Math.min(1000, limit * 4 + 16);
  }

  @Override
  public void insertRunning(Execution execution, Duration lease) {
    Objects.requireNonNull(execution, "execution");
    if (execution.status() != ExecutionStatus.RUNNING || execution.owner().isEmpty()) {
      throw new IllegalArgumentException("insertRunning takes a RUNNING execution with an owner: " + execution.id());
    }
    insertLeased(Rows.ExecutionRow.of(execution), lease);
  }

  @Override
  public void insertReported(Execution execution, Duration lease, byte[] reportTokenHash) {
    Objects.requireNonNull(execution, "execution");
    if (execution.owner().isEmpty()) {
      throw new IllegalArgumentException("insertReported takes an execution with an owner: " + execution.id());
    }
    insertLeased(JdbcExecutionStore.reportedRow(execution, reportTokenHash), lease);
  }

  private void insertLeased(Rows.ExecutionRow row, Duration lease) {
    Objects.requireNonNull(lease, "lease");
    tx.write("insert running execution " + row.id,
        message -> new ConflictException("id: an execution with id " + row.id + " already exists"),
        s -> {
          s.getMapper(ExecutionMapper.class).insertExecution(row);
          s.getMapper(SchedulerMapper.class).startLease(row.id, lease.toMillis());
          return null;
        });
  }

  @Override
  public boolean renewLease(ExecutionId id, long version, long progressBytes, Instant at, Duration lease) {
    return tx.write("renew lease of " + id, null, s -> s.getMapper(SchedulerMapper.class)
        .renewLease(id.value(), version, progressBytes, at, lease.toMillis()) == 1);
  }

  @Override
  public List<Execution> abandonExpired(Instant now, int limit,
                                        BiFunction<ClaimedExecution, Optional<Job>, Optional<QueuedExecution>> retry) {
    Objects.requireNonNull(retry, "retry");
    return tx.write("abandon expired executions", null, s -> {
      SchedulerMapper m = s.getMapper(SchedulerMapper.class);
      ExecutionMapper executions = s.getMapper(ExecutionMapper.class);
      List<QueueRow> expired = m.selectExpired(limit);
      // retry runs under the rows' locks: it gets the jobs read here, on this connection
      Map<JobId, Job> jobs = jobs(s, expired.stream().map(r -> new JobId(r.jobId)).toList());
      List<Execution> abandoned = new ArrayList<>();
      for (QueueRow row : expired) {
        String error = "abandoned: the lease of owner '" + row.owner + "' expired (last heartbeat "
            + row.heartbeatAt + ")";
        if (m.abandon(row.id, row.version, now, error) != 1) {
          continue;
        }
        ClaimedExecution before = row.toClaimed();
        abandoned.add(JdbcJobStore.withCopies(executions, List.of(executions.selectExecution(row.id))).get(0));
        retry.apply(before, Optional.ofNullable(jobs.get(before.execution().jobId())))
            .ifPresent(q -> m.insertQueued(QueueRow.of(q)));
      }
      return abandoned;
    });
  }

  @Override
  public Optional<ClaimedExecution> claimed(ExecutionId id) {
    return tx.read("read queued execution " + id, s -> {
      QueueRow row = s.getMapper(SchedulerMapper.class).selectQueued(id.value());
      return row == null || !ExecutionStatus.RUNNING.name().equals(row.status)
          ? Optional.<ClaimedExecution>empty() : Optional.of(row.toClaimed());
    });
  }

  @Override
  public boolean cancelPending(ExecutionId id, Instant at) {
    return tx.write("cancel pending " + id, null, s -> s.getMapper(SchedulerMapper.class).cancelPending(id.value(), at) == 1);
  }

  @Override
  public boolean requestCancel(ExecutionId id) {
    return tx.write("request cancel of " + id, null, s -> s.getMapper(SchedulerMapper.class).requestCancel(id.value()) == 1);
  }

  @Override
  public Set<ExecutionId> cancelRequested(Collection<ExecutionId> running) {
    if (running.isEmpty()) {
      return Set.of();
    }
    UuidArray ids = UuidArray.of(running.stream().map(ExecutionId::value).toList());
    return tx.read("read cancel requests", s -> {
      Set<ExecutionId> result = new HashSet<>();
      s.getMapper(SchedulerMapper.class).selectCancelRequested(ids).forEach(u -> result.add(new ExecutionId(u)));
      return result;
    });
  }

  @Override
  public List<FireRecord> fires(JobId jobId, int limit) {
    return tx.read("read fires of " + jobId, s -> s.getMapper(SchedulerMapper.class).selectFires(jobId.value(), limit)
        .stream().map(FireRow::toRecord).toList());
  }

  @Override
  public List<ScheduleState> schedulesWithRpo() {
    return tx.read("read schedules with an RPO", s -> s.getMapper(SchedulerMapper.class).selectSchedulesWithRpo()
        .stream().map(ScheduleRow::toState).toList());
  }

  @Override
  public boolean markRpoNotified(JobId jobId, Instant at, Instant notBefore) {
    return tx.write("mark RPO notified " + jobId, null,
        s -> s.getMapper(SchedulerMapper.class).markRpoNotified(jobId.value(), at, notBefore) == 1);
  }

  @Override
  public QueueDepth queueDepth(Instant now) {
    Objects.requireNonNull(now, "now");
    return tx.read("read queue depth", s -> s.getMapper(SchedulerMapper.class).selectQueueDepth(now).toDepth());
  }
}
