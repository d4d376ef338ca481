package dev.bms.benchmarks;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.core.Bms;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The reference report's "simultaneous backups" test (its section 5.2: 10, 50 and 100 concurrent
 * backups, backups per hour and duration): {@code concurrent} managed backups at once, each of its
 * own small tree ({@code files} files of 4-64 KiB), through the filesystem target and the real
 * engine. One shot submits every job ({@code executions().submit}), the engine's poller claims
 * them into {@code concurrent} executor slots, and the shot ends when every execution reads
 * SUCCEEDED from the store. The raw baseline does the same work with {@code concurrent} plain
 * threads: each copies its tree through a {@link DigestInputStream} (SHA-256), forcing every file
 * and directory as the target does with {@code fsync=true} (its default).
 *
 * <p>JMH's score is milliseconds per shot (all backups); backups per hour is {@code concurrent} ×
 * 3,600,000 / score. Per-backup durations (bms: started → finished as stored, and submitted → seen
 * SUCCEEDED; raw: one thread's copy) of the measured shots are printed at the end of each trial as
 * a line beginning {@code CONCURRENT-BACKUPS}, with their mean and 95th percentile.
 */
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConcurrentBackupBenchmark {

  @Param({"10", "50", "100"})
  public int concurrent;

  @Param({"50"})
  public int files;

  @Param({"postgresql", "h2"})
  public String database;

  private Path work;
  private List<Path> sources;
  private Path bmsTarget;
  private Path rawTarget;
  private BenchmarkDatabase db;
  private BackupManager bms;
  private List<JobId> jobs;
  private ExecutorService rawThreads;
  private final List<Long> runMillis = new ArrayList<>();
  private final List<Long> endToEndMillis = new ArrayList<>();
  private final List<Long> shotMillis = new ArrayList<>();
  private final List<Long> pendingRun = new ArrayList<>();
  private final List<Long> pendingEndToEnd = new ArrayList<>();
  private final List<Long> queueMillis = new ArrayList<>();
  private final List<Long> pendingQueue = new ArrayList<>();
  private final List<Long> submitMillis = new ArrayList<>();
  private long pendingSubmit;
  private long pendingShot;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    work = Files.createTempDirectory("bms-bench-concurrent-");
    sources = new ArrayList<>();
    for (int i = 0; i < concurrent; i++) {
      sources.add(BenchmarkFiles.mixedTree(work.resolve("source-" + i), files, 4 * 1024, 64 * 1024, i));
    }
    bmsTarget = Files.createDirectories(work.resolve("bms-target"));
    rawTarget = work.resolve("raw-target");
    db = BenchmarkDatabase.create(database, "concurrent");
    bms = Bms.builder()
        .storage(db.storage(Math.min(concurrent, 20)))
        .maxConcurrentExecutions(concurrent)
        .pollInterval(Duration.ofMillis(50))
        .build();
    bms.start();
    jobs = new ArrayList<>();
    for (int i = 0; i < concurrent; i++) {
      jobs.add(bms.jobs().create(BackupJob.builder("bench-concurrent-" + i)
          .source("directory", Map.of("path", sources.get(i).toString()))
          .copy(CopySpec.target("filesystem", Map.of("root", bmsTarget.toString(), "initialize", "true")).named("disk"))
          .build()));
    }
    rawThreads = Executors.newFixedThreadPool(concurrent);
  }

  @TearDown(Level.Invocation)
  public void removeCopies() throws IOException {
    BenchmarkFiles.delete(bmsTarget);
    Files.createDirectories(bmsTarget);
    BenchmarkFiles.delete(rawTarget);
  }

  /** Keeps the per-backup durations of measured shots only. */
  @TearDown(Level.Iteration)
  public void keep(IterationParams iteration) {
    if (iteration.getType() == IterationType.MEASUREMENT) {
      runMillis.addAll(pendingRun);
      endToEndMillis.addAll(pendingEndToEnd);
      queueMillis.addAll(pendingQueue);
      submitMillis.add(pendingSubmit);
      shotMillis.add(pendingShot);
    }
    pendingRun.clear();
    pendingEndToEnd.clear();
    pendingQueue.clear();
  }

  @TearDown(Level.Trial)
  public void tearDown(BenchmarkParams params) {
    String side = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    double meanShot = shotMillis.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "CONCURRENT-BACKUPS %s database=%s concurrent=%d files=%d shots=%d shot_ms=%s backups_per_hour=%.0f",
        side, database, concurrent, files, shotMillis.size(), shotMillis, concurrent * 3_600_000.0 / meanShot));
    line.append(String.format(Locale.ROOT, " duration_mean_ms=%.0f duration_p95_ms=%d", mean(runMillis), p95(runMillis)));
    if (!endToEndMillis.isEmpty()) {
      line.append(String.format(Locale.ROOT, " submit_to_done_mean_ms=%.0f submit_to_done_p95_ms=%d",
          mean(endToEndMillis), p95(endToEndMillis)));
      line.append(String.format(Locale.ROOT, " queued_mean_ms=%.0f queued_p95_ms=%d submit_all_mean_ms=%.0f",
          mean(queueMillis), p95(queueMillis), mean(submitMillis)));
    }
    System.out.println(line);
    rawThreads.shutdownNow();
    bms.close();
    db.close();
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public int bmsConcurrentBackups() {
    long shotStart = System.nanoTime();
    List<ExecutionId> ids = new ArrayList<>(concurrent);
    for (JobId job : jobs) {
      ids.add(bms.executions().submit(job).id());
    }
    pendingSubmit = (System.nanoTime() - shotStart) / 1_000_000;
    long[] submitted = new long[concurrent];
    Arrays.fill(submitted, shotStart);
    boolean[] done = new boolean[concurrent];
    int left = concurrent;
    long deadline = shotStart + TimeUnit.MINUTES.toNanos(10);
    while (left > 0) {
      for (int i = 0; i < concurrent; i++) {
        if (done[i]) {
          continue;
        }
        Execution e = bms.executions().get(ids.get(i)).orElseThrow();
        if (e.status().isTerminal()) {
          if (e.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("backup " + e.id() + " ended " + e.status() + ": " + e.error().orElse("?"));
          }
          done[i] = true;
          left--;
          pendingEndToEnd.add((System.nanoTime() - submitted[i]) / 1_000_000);
          pendingRun.add(Duration.between(e.startedAt().orElseThrow(), e.finishedAt().orElseThrow()).toMillis());
          pendingQueue.add(Duration.between(e.createdAt(), e.startedAt().orElseThrow()).toMillis());
        }
      }
      if (left > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(left + " of " + concurrent + " backups still running after 10 minutes");
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    }
    pendingShot = (System.nanoTime() - shotStart) / 1_000_000;
    return concurrent;
  }

  @Benchmark
  public int rawConcurrentBackups(Blackhole hole) throws Exception {
    long shotStart = System.nanoTime();
    List<Future<Long>> backups = new ArrayList<>(concurrent);
    for (int i = 0; i < concurrent; i++) {
      Path source = sources.get(i);
      Path destination = rawTarget.resolve("backup-" + i);
      backups.add(rawThreads.submit(() -> {
        long start = System.nanoTime();
        hole.consume(copyTree(source, destination));
        return (System.nanoTime() - start) / 1_000_000;
      }));
    }
    for (Future<Long> backup : backups) {
      pendingRun.add(backup.get());
    }
    pendingShot = (System.nanoTime() - shotStart) / 1_000_000;
    return concurrent;
  }

  /** Copies a tree with SHA-256 of every file, forcing each file and directory; returns the digests. */
  private static List<String> copyTree(Path source, Path destination) throws Exception {
    List<Path> sourceFiles;
    try (Stream<Path> walk = Files.walk(source)) {
      sourceFiles = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<String> digests = new ArrayList<>(sourceFiles.size());
    for (Path file : sourceFiles) {
      Path dest = destination.resolve(source.relativize(file).toString());
      Files.createDirectories(dest.getParent());
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
        Files.copy(in, dest);
      }
      digests.add(HexFormat.of().formatHex(md.digest()));
      force(dest);
    }
    try (Stream<Path> dirs = Files.walk(destination)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        force(dir);
      }
    }
    return digests;
  }

  private static void force(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(false);
    }
  }

  private static double mean(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
  }

  private static long p95(List<Long> values) {
    if (values.isEmpty()) {
      return -1;
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
  }
}
