package dev.bms.benchmarks;

import dev.bms.api.Actor;
import dev.bms.api.BackupManager;
import dev.bms.api.JobService;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.core.Bms;
import dev.bms.spi.storage.AlertStore;
import dev.bms.spi.storage.AuditStore;
import dev.bms.spi.storage.CatalogStore;
import dev.bms.spi.storage.ComplianceStore;
import dev.bms.spi.storage.ExecutionStore;
import dev.bms.spi.storage.JobStore;
import dev.bms.spi.storage.ReportStore;
import dev.bms.spi.storage.RestoreStore;
import dev.bms.spi.storage.RetentionStore;
import dev.bms.spi.storage.SchedulerStore;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.TransactionScope;
import dev.bms.spi.storage.VerificationStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the audit trail adds to a change, on PostgreSQL: the same calls made by a person through
 * {@code bms.as(actor)} on a manager that records them (each writes one audit record: the state
 * before and after, the diff, and the hash-chained append, in the change's own transaction), beside
 * the same calls on a manager whose storage keeps no audit trail (its {@code audit()} is empty, so
 * nothing is recorded and no ambient transaction is opened; the access check still runs). Both
 * managers share one schema, each with its own job.
 *
 * <ul>
 *   <li>{@code bmsToggle} / {@code rawToggle}: {@code jobs().disable(id)} then {@code enable(id)}
 *       (two audited changes);</li>
 *   <li>{@code bmsUpdate} / {@code rawUpdate}: {@code jobs().update(id, version, job)} with a new
 *       description (one audited change, a larger diff).</li>
 * </ul>
 *
 * Here "raw" is the unaudited call, so bms / raw - 1 is the audit trail's share.
 */
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuditAppendBenchmark {
  private BenchmarkDatabase database;
  private Path work;
  private BackupManager audited;
  private BackupManager unaudited;
  private JobService auditedJobs;
  private JobService unauditedJobs;
  private JobId auditedJob;
  private JobId unauditedJob;
  private long counter;

  @Setup
  public void setUp() throws Exception {
    database = BenchmarkDatabase.create("postgresql", "auditappend");
    work = Files.createTempDirectory("bms-bench-auditappend-");
    audited = Bms.builder().storage(database.storage(4)).warmCacheOnStart(false).scheduler(false).build();
    audited.start();
    unaudited = Bms.builder().storage(new WithoutAudit(database.storage(4))).warmCacheOnStart(false)
        .scheduler(false).build();
    unaudited.start();
    Actor alice = Actor.person("u-17", "Alice Doe", "admin");
    auditedJobs = audited.as(alice).jobs();
    unauditedJobs = unaudited.as(alice).jobs();
    auditedJob = auditedJobs.create(job("audited", "first"));
    unauditedJob = unauditedJobs.create(job("unaudited", "first"));
  }

  private BackupJob job(String name, String description) {
    return BackupJob.builder(name).description(description).label("team", "bench")
        .copy(CopySpec.target("filesystem", Map.of("root", work.toString(), "initialize", "true")).named("disk"))
        .build();
  }

  @TearDown
  public void tearDown() {
    audited.close();
    unaudited.close();
    database.close();
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public Job bmsToggle() {
    auditedJobs.disable(auditedJob);
    return auditedJobs.enable(auditedJob);
  }

  @Benchmark
  public Job rawToggle() {
    unauditedJobs.disable(unauditedJob);
    return unauditedJobs.enable(unauditedJob);
  }

  @Benchmark
  public Job bmsUpdate() {
    return update(auditedJobs, auditedJob, "audited");
  }

  @Benchmark
  public Job rawUpdate() {
    return update(unauditedJobs, unauditedJob, "unaudited");
  }

  private Job update(JobService jobs, JobId id, String name) {
    Job current = jobs.require(id);
    return jobs.update(id, current.version(), job(name, "nightly, change " + ++counter));
  }

  /** A storage that keeps no audit trail: the JDBC storage with {@code audit()} empty. */
  static final class WithoutAudit implements Storage {
    private final Storage storage;

    WithoutAudit(Storage storage) {
      this.storage = storage;
    }

    @Override
    public void start() {
      storage.start();
    }

    @Override
    public JobStore jobs() {
      return storage.jobs();
    }

    @Override
    public ExecutionStore executions() {
      return storage.executions();
    }

    @Override
    public AlertStore alerts() {
      return storage.alerts();
    }

    @Override
    public Optional<SchedulerStore> scheduler() {
      return storage.scheduler();
    }

    @Override
    public Optional<RetentionStore> retention() {
      return storage.retention();
    }

    @Override
    public Optional<VerificationStore> verifications() {
      return storage.verifications();
    }

    @Override
    public Optional<ComplianceStore> compliance() {
      return storage.compliance();
    }

    @Override
    public Optional<ReportStore> reports() {
      return storage.reports();
    }

    @Override
    public Optional<RestoreStore> restores() {
      return storage.restores();
    }

    @Override
    public Optional<CatalogStore> catalog() {
      return storage.catalog();
    }

    @Override
    public Optional<AuditStore> audit() {
      return Optional.empty();
    }

    @Override
    public Optional<TransactionScope> transactions() {
      return storage.transactions();
    }

    @Override
    public Instant now() {
      return storage.now();
    }

    @Override
    public String describe() {
      return storage.describe() + " without audit trail";
    }

    @Override
    public void close() {
      storage.close();
    }
  }
}
