package dev.bms.benchmarks;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The data path: back up a tree through the filesystem target ({@code runNow}: read once, SHA-256
 * once, write, commit the manifest, record the execution in H2) beside the raw limit, a plain
 * one-pass {@code Files.copy} of a {@link DigestInputStream} for every file of the same tree. Both
 * write to a fresh directory on the same disk each invocation. Divide the tree size by the time per
 * operation for MB/s; the ratio bms/raw is the figure that matters.
 *
 * <p>{@code fsync=true} is the target's default: every data file is forced to the device as it is
 * closed, then the manifest and every directory at commit. The raw baseline then forces each file
 * it wrote ({@code FileChannel.force(false)}) and every directory, so both sides pay for the same
 * durability; with {@code fsync=false} neither forces anything.
 */
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FilesystemBackupBenchmark {

  @Param({"1000"})
  public int files;

  @Param({"1024"})
  public int totalMiB;

  @Param({"true", "false"})
  public boolean fsync;

  private Path work;
  private Path source;
  private List<Path> sourceFiles;
  private BackupManager bms;
  private JobId job;
  private Path rawTarget;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    work = Files.createTempDirectory("bms-bench-fs-");
    source = BenchmarkFiles.tree(work.resolve("source"), files, totalMiB * 1024L * 1024L);
    try (Stream<Path> walk = Files.walk(source)) {
      sourceFiles = walk.filter(Files::isRegularFile).sorted().toList();
    }
    Files.createDirectories(work.resolve("bms-target"));
    bms = Bms.builder().storage(JdbcStorage.embedded(work.resolve("db"))).build();
    bms.start();
    job = bms.jobs().create(BackupJob.builder("bench-fs")
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("filesystem", Map.of("root", work.resolve("bms-target").toString(), "initialize", "true",
            "fsync", Boolean.toString(fsync))).named("disk"))
        .build());
  }

  @TearDown(Level.Invocation)
  public void removeCopies() throws IOException {
    // the filesystem target requires its root to exist: empty it, keep it
    BenchmarkFiles.delete(work.resolve("bms-target"));
    Files.createDirectories(work.resolve("bms-target"));
    if (rawTarget != null) {
      BenchmarkFiles.delete(rawTarget);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    bms.close();
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public Execution bmsBackupTree() {
    Execution run = bms.executions().runNow(job);
    if (run.status() != ExecutionStatus.SUCCEEDED) {
      throw new IllegalStateException("backup failed: " + run.error().orElse("?"));
    }
    return run;
  }

  @Benchmark
  public void rawBackupTree(Blackhole hole) throws Exception {
    rawTarget = work.resolve("raw-target");
    for (Path file : sourceFiles) {
      Path dest = rawTarget.resolve(source.relativize(file).toString());
      Files.createDirectories(dest.getParent());
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
        Files.copy(in, dest);
      }
      hole.consume(HexFormat.of().formatHex(md.digest()));
      if (fsync) {
        force(dest);
      }
    }
    if (fsync) {
      try (Stream<Path> dirs = Files.walk(rawTarget)) {
        for (Path dir : dirs.filter(Files::isDirectory).toList()) {
          force(dir);
        }
      }
    }
  }

  private static void force(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(false);
    }
  }
}
