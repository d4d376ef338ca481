package dev.bms.testkit.storage;

import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.ExecutionTrigger;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.MisfirePolicy;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.api.model.RetryPolicy;
import dev.bms.api.model.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs, executions and copy results for storage tests. Instants are whole microseconds (the
 * precision storage keeps) unless a test says otherwise.
 */
public final class StorageFixtures {
  /** A fixed base time with microseconds. */
  public static final Instant T0 = Instant.parse("2026-03-29T00:59:58.123456Z");

  private StorageFixtures() {
  }

  /** A minimal valid definition: manual schedule, one filesystem copy, no optional fields. */
  public static BackupJob minimalJob(String name) {
    return BackupJob.builder(name)
        .copy(CopySpec.target("filesystem", Map.of("root", "/mnt/nas")).named("nas"))
        .build();
  }

  /** A definition using every field, with a cron schedule. */
  public static BackupJob fullJob(String name) {
    return BackupJob.builder(name)
        .description("Payroll files, nightly — ünïcödé")
        .label("team", "payroll")
        .label("tier", "gold")
        .source("directory", Map.of("path", "/srv/payroll", "exclude", "*.tmp"))
        .schedule(Schedule.cron("0 2 * * *", ZoneId.of("Europe/Berlin")))
        .misfirePolicy(MisfirePolicy.SKIP)
        .copy(CopySpec.target("filesystem", Map.of("root", "/mnt/nas/bms")).named("nas"))
        .copy(CopySpec.target("s3", Map.of("bucket", "bk", "objectLock", "COMPLIANCE")).named("cloud")
            .asOffsite().withRetention(new RetentionPolicy(3, 7, 4, 12, 2, Duration.ofDays(10))))
        .retention(RetentionPolicy.gfs(7, 4, 12))
        .rpo(Duration.ofHours(26))
        .timeout(Duration.ofMinutes(90).plusMillis(250))
        .retry(new RetryPolicy(4, Duration.ofSeconds(30), 1.5, Duration.ofMinutes(10)))
        .enabled(false)
        .build();
  }

  /** A new stored job (version 1) with a fresh time-ordered id. */
  public static Job newJob(BackupJob definition) {
    return new Job(new JobId(TimeOrderedIds.next()), definition, 1, T0, T0);
  }

  /** A fully populated successful copy result. */
  public static CopyResult copyResult(String copyName, String targetType) {
    return new CopyResult(copyName, targetType, CopyStatus.SUCCEEDED, 123_456_789L, 42,
        Duration.ofMillis(1_234), Optional.of("ab".repeat(32)), Optional.of("s3://bk/" + copyName),
        Optional.of(T0.plus(30, ChronoUnit.DAYS)), Optional.empty());
  }

  /** A failed copy result. */
  public static CopyResult failedCopy(String copyName) {
    return new CopyResult(copyName, "filesystem", CopyStatus.FAILED, 0, 0, Duration.ofMillis(5),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("disk full"));
  }

  /**
   * An execution of {@code job} created at {@code createdAt} in {@code status}: started ones have
   * a start, heartbeat and owner, terminal ones a finish time, bytes and two copy results, failed
   * ones an error.
   */
  public static Execution execution(JobId job, ExecutionStatus status, Instant createdAt) {
    boolean started = status != ExecutionStatus.PENDING;
    boolean terminal = status.isTerminal();
    List<CopyResult> copies = !terminal ? List.of()
        : status == ExecutionStatus.SUCCEEDED
            ? List.of(copyResult("nas", "filesystem"), copyResult("cloud", "s3"))
            : List.of(copyResult("nas", "filesystem"), failedCopy("cloud"));
    return new Execution(new ExecutionId(TimeOrderedIds.next()), job, ExecutionMode.MANAGED,
        ExecutionTrigger.SCHEDULE, status, Optional.of(createdAt.minusSeconds(1)), createdAt,
        started ? Optional.of(createdAt.plusSeconds(1)) : Optional.empty(),
        terminal ? Optional.of(createdAt.plusSeconds(60)) : Optional.empty(),
        started ? Optional.of(createdAt.plusSeconds(30)) : Optional.empty(),
        started ? 500 : 0, terminal ? 1_000 : 0, terminal ? 10 : 0, 1,
        started ? Optional.of("node-1") : Optional.empty(), 3,
        status == ExecutionStatus.FAILED ? Optional.of("source unreadable") : Optional.empty(),
        copies);
  }

  /** A RUNNING reported execution owned by the external tool, as {@code begin} makes it. */
  public static Execution reportedRunning(JobId job, Instant createdAt) {
    return new Execution(new ExecutionId(TimeOrderedIds.next()), job, ExecutionMode.REPORTED,
        ExecutionTrigger.REPORTED, ExecutionStatus.RUNNING, Optional.empty(), createdAt, Optional.of(createdAt),
        Optional.empty(), Optional.of(createdAt), 0, 0, 0, 1, Optional.of("external"), 1, Optional.empty(), List.of());
  }

  /** A 32-byte value standing for the SHA-256 of a report token, each byte {@code seed + i}. */
  public static byte[] tokenHash(int seed) {
    byte[] hash = new byte[32];
    for (int i = 0; i < hash.length; i++) {
      hash[i] = (byte) (seed + i);
    }
    return hash;
  }

  /** A pending execution with no optional field set (a manual, reported one). */
  public static Execution bareExecution(JobId job, Instant createdAt) {
    return new Execution(new ExecutionId(TimeOrderedIds.next()), job, ExecutionMode.REPORTED,
        ExecutionTrigger.REPORTED, ExecutionStatus.PENDING, Optional.empty(), createdAt, Optional.empty(),
        Optional.empty(), Optional.empty(), 0, 0, 0, 1, Optional.empty(), 0, Optional.empty(), List.of());
  }
}
