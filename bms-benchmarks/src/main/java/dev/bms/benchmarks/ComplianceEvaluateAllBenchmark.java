package dev.bms.benchmarks;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.CopyVerification;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.ExecutionTrigger;
import dev.bms.api.model.IntegrityReport;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.VerificationSample;
import dev.bms.api.model.VerificationTrigger;
import dev.bms.core.Bms;
import dev.bms.spi.LockProof;
import dev.bms.storage.jdbc.JdbcStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code compliance().evaluateAll()} over 1,000 and 10,000 jobs, each with a restore point of three
 * copies (two filesystem targets, one locked with a stored lock proof), an older failed run and a
 * stored checksum verification: every query of the batch read returns rows. Seeded through the
 * storage SPI, so set-up stays in seconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ComplianceEvaluateAllBenchmark {
  @Param({"1000", "10000"})
  public int jobs;

  @Param({"h2", "postgresql"})
  public String database;

  private Path work;
  private BenchmarkDatabase db;
  private BackupManager bms;

  @Setup
  public void setUp() throws IOException {
    work = Files.createTempDirectory("bms-bench-compliance-");
    db = new BenchmarkDatabase(database);
    JdbcStorage storage = db.storage(work);
    Map<String, String> local = Map.of("root", Files.createDirectories(work.resolve("local")).toString(), "initialize", "true",
        "mediaType", "LOCAL_DISK", "failureDomain", "site:a");
    Map<String, String> nas = Map.of("root", Files.createDirectories(work.resolve("nas")).toString(), "initialize", "true",
        "mediaType", "NETWORK_SHARE", "failureDomain", "site:b", "offsite", "true", "immutableDays", "30");
    bms = Bms.builder().storage(storage).warmCacheOnStart(false).build();
    bms.start();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    for (int i = 0; i < jobs; i++) {
      BackupJob definition = BackupJob.builder("job-" + i)
          .copy(CopySpec.target("filesystem", local).named("local"))
          .copy(CopySpec.target("filesystem", nas).named("nas"))
          .copy(CopySpec.target("filesystem", local).named("spare"))
          .build();
      Job job = new Job(new JobId(UUID.randomUUID()), definition, 1, now, now);
      storage.jobs().insert(job);
      storage.executions().insert(execution(job.id(), ExecutionStatus.FAILED, now.minusSeconds(7200), List.of()));
      Execution ok = execution(job.id(), ExecutionStatus.SUCCEEDED, now.minusSeconds(3600), List.of(
          copy("local"), copy("nas"), copy("spare")));
      storage.executions().insert(ok);
      storage.compliance().orElseThrow().recordLockProof(ok.id(), "nas", new LockProof(Optional.of(now.plus(Duration.ofDays(30))), now));
      Verification v = new Verification(ok.id(), job.id(), VerificationLevel.CHECKSUM, now, now, List.of(
          new CopyVerification("local", "filesystem", new IntegrityReport(10, 1000, List.of()), Optional.empty())));
      storage.verifications().orElseThrow().insert(new VerificationEvidence(UUID.randomUUID().toString(), v,
          VerificationTrigger.POLICY, VerificationSample.FULL));
    }
  }

  private static CopyResult copy(String name) {
    return new CopyResult(name, "filesystem", CopyStatus.SUCCEEDED, 1000, 10, Duration.ofSeconds(1),
        Optional.of("ab".repeat(32)), Optional.of("/nowhere/" + name), Optional.empty(), Optional.empty());
  }

  static Execution execution(JobId job, ExecutionStatus status, Instant at, List<CopyResult> copies) {
    return new Execution(new ExecutionId(UUID.randomUUID()), job, ExecutionMode.MANAGED, ExecutionTrigger.SCHEDULE,
        status, Optional.empty(), at, Optional.of(at), Optional.of(at.plusSeconds(60)), Optional.of(at.plusSeconds(60)),
        1000, 1000, 10, 1, Optional.empty(), 1, Optional.empty(), copies);
  }

  @TearDown
  public void tearDown() {
    bms.close();
    db.drop();
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public List<JobCompliance> evaluateAll() {
    return bms.compliance().evaluateAll();
  }
}
