package dev.bms.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code jobs().get(id)} served from the local job cache, beside a plain Caffeine
 * {@code getIfPresent} of the same job in a cache configured like bms's job cache (100,000 entries,
 * expire 10 minutes after write, keyed by the id). What bms adds on a hit: the lifecycle check and
 * the {@code bms.cache.hits} counter; it allocates nothing.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JobCacheBenchmark {
  private Path work;
  private BackupManager bms;
  private JobId id;
  private Cache<JobId, Job> raw;

  @Setup
  public void setUp() throws IOException {
    work = Files.createTempDirectory("bms-bench-cache-");
    Files.createDirectories(work.resolve("t"));
    bms = Bms.builder().storage(JdbcStorage.embedded(work.resolve("db"))).build();
    bms.start();
    id = bms.jobs().create(BackupJob.builder("cached")
        .copy(CopySpec.target("filesystem", Map.of("root", work.resolve("t").toString(), "initialize", "true")))
        .build());
    Job job = bms.jobs().require(id);
    raw = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).build();
    raw.put(id, job);
  }

  @TearDown
  public void tearDown() {
    bms.close();
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public Optional<Job> bmsGetHit() {
    return bms.jobs().get(id);
  }

  @Benchmark
  public Job rawGetHit() {
    return raw.getIfPresent(id);
  }
}
