package dev.bms.benchmarks;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.restore.RestoreExecution;
import dev.bms.api.restore.RestorePointRef;
import dev.bms.api.restore.RestoreRequest;
import dev.bms.api.restore.RestoreStatus;
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
 * The restore path, the evidence behind RTO: restore a whole restore point from the filesystem
 * target ({@code restores().restore}: read every file from the copy, hash it while it lands under a
 * temporary name, compare with the manifest, rename, restore times and permissions, record the
 * restore) beside the raw limit, a plain one-pass {@code Files.copy} of a {@link DigestInputStream}
 * of every file of the same copy into a fresh directory. Both sides fsync each file they wrote so
 * they pay for the same durability. Divide the tree size by the time per operation for MB/s.
 */
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RestoreBenchmark {

  @Param({"1000"})
  public int files;

  @Param({"1024"})
  public int totalMiB;

  private Path work;
  private Path copyRoot;
  private List<Path> copyFiles;
  private BackupManager bms;
  private Execution point;
  private Path destination;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    work = Files.createTempDirectory("bms-bench-restore-");
    Path source = BenchmarkFiles.tree(work.resolve("source"), files, totalMiB * 1024L * 1024L);
    copyRoot = Files.createDirectories(work.resolve("bms-target"));
    bms = Bms.builder().storage(JdbcStorage.embedded(work.resolve("db"))).build();
    bms.start();
    var job = bms.jobs().create(BackupJob.builder("bench-restore")
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("filesystem", Map.of("root", copyRoot.toString(), "initialize", "true")).named("disk"))
        .build());
    point = bms.executions().runNow(job);
    if (point.status() != ExecutionStatus.SUCCEEDED) {
      throw new IllegalStateException("backup failed: " + point.error().orElse("?"));
    }
    // the raw side reads the very files the copy holds (the largest regular files under the root
    // are the data files; the manifest and the target's marker are small)
    try (Stream<Path> walk = Files.walk(copyRoot)) {
      copyFiles = walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Setup(Level.Invocation)
  public void freshDestination() throws IOException {
    destination = work.resolve("restored");
    BenchmarkFiles.delete(destination);
    Files.createDirectories(destination);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    bms.close();
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public RestoreExecution bmsRestorePoint() {
    RestoreExecution done = bms.restores().restore(
        RestoreRequest.from(RestorePointRef.execution(point.id())).into(destination).build());
    if (done.status() != RestoreStatus.SUCCEEDED || done.filesRestored() != files) {
      throw new IllegalStateException("restore " + done.status() + " " + done.filesRestored() + " files: "
          + done.error().orElse("?"));
    }
    return done;
  }

  @Benchmark
  public void rawRestorePoint(Blackhole hole) throws Exception {
    for (Path file : copyFiles) {
      Path dest = destination.resolve(copyRoot.relativize(file).toString());
      Files.createDirectories(dest.getParent());
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
        Files.copy(in, dest);
      }
      hole.consume(HexFormat.of().formatHex(md.digest()));
      try (FileChannel channel = FileChannel.open(dest, StandardOpenOption.READ)) {
        channel.force(false);
      }
    }
  }
}
