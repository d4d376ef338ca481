package dev.bms.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.cache.redis.RedisCacheProvider;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code jobs().get(id)} served from the near cache of bms-cache-redis (connected to the real Redis
 * on 127.0.0.1:6379, own key prefix), beside a plain Caffeine {@code getIfPresent} of the same job.
 * A near-cache hit never touches Redis; the reference report's Redis cache hit took 2.5 ms.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NearCacheBenchmark {
  private Path work;
  private BackupManager bms;
  private JobId id;
  private Cache<JobId, Job> raw;

  @Setup
  public void setUp() throws IOException {
    work = Files.createTempDirectory("bms-bench-near-");
    Files.createDirectories(work.resolve("t"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RedisCacheProvider redis = RedisCacheProvider.builder()
        .address(System.getProperty("bms.bench.redis", "redis://127.0.0.1:6379"))
        .keyPrefix("bms-bench-" + UUID.randomUUID())
        .meterRegistry(registry)
        .build();
    bms = Bms.builder().storage(JdbcStorage.embedded(work.resolve("db"))).cache(redis).meterRegistry(registry).build();
    bms.start();
    id = bms.jobs().create(BackupJob.builder("near-cached")
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
  public Optional<Job> bmsGetNearHit() {
    return bms.jobs().get(id);
  }

  @Benchmark
  public Job rawGetNearHit() {
    return raw.getIfPresent(id);
  }
}
