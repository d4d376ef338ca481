package dev.bms.benchmarks;

import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.core.internal.anomaly.DataPathProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * What anomaly detection adds to the managed data path (issue 19): hashing one 256 KiB block of a
 * file as the pipeline does, with the ransomware probe (one 4 KiB block in 16 through a byte
 * histogram, each file's hash compared with the previous restore point's) beside the raw SHA-256
 * alone. A file is 1 MiB: every fourth block ends it. {@code bmsCopyFile} / {@code rawCopyFile}: a
 * whole 4 MiB file copied on disk (read, hashed, written in 256 KiB blocks) with and without the probe.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DataPathSampleBenchmark {
  private static final int BLOCK = 256 * 1024;
  private byte[] block;
  private MessageDigest md;
  private DataPathProbe probe;
  private int blockInFile;
  private long file;
  private byte[] buffer;
  private Path dir;
  private Path sourceFile;
  private Path targetFile;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    block = new byte[BLOCK];
    new Random(19).nextBytes(block);
    md = MessageDigest.getInstance("SHA-256");
    List<ManifestEntry> previous = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      previous.add(new ManifestEntry("data/f" + i + ".bin", 1 << 20, "%064d".formatted(i)));
    }
    probe = DataPathProbe.comparingWith(new Manifest(previous));
    buffer = new byte[BLOCK];
    try {
      dir = Files.createTempDirectory("bms-bench-datapath-");
      sourceFile = dir.resolve("source.bin");
      targetFile = dir.resolve("copy.bin");
      byte[] content = new byte[4 << 20];
      new Random(7).nextBytes(content);
      Files.write(sourceFile, content);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Benchmark
  public byte[] bmsHashBlock() {
    md.update(block, 0, BLOCK);
    probe.onBytes(block, BLOCK);
    if (++blockInFile == 4) {
      blockInFile = 0;
      byte[] digest = md.digest();
      probe.onFileDone("data/f" + (file++ % 10_000) + ".bin", "%064d".formatted(file));
      return digest;
    }
    return block;
  }

  /**
   * One 4 MiB file copied on disk as the filesystem target writes it (read in 256 KiB blocks, each
   * block hashed and written), with the probe on the same blocks.
   */
  @Benchmark
  public byte[] bmsCopyFile() throws IOException {
    return copyFile(true);
  }

  /** The same copy with SHA-256 alone: what the data path costs without anomaly detection. */
  @Benchmark
  public byte[] rawCopyFile() throws IOException {
    return copyFile(false);
  }

  private byte[] copyFile(boolean withProbe) throws IOException {
    md.reset();
    try (InputStream in = Files.newInputStream(sourceFile);
         OutputStream out = Files.newOutputStream(targetFile)) {
      for (int n; (n = in.readNBytes(buffer, 0, BLOCK)) > 0; ) {
        md.update(buffer, 0, n);
        if (withProbe) {
          probe.onBytes(buffer, n);
        }
        out.write(buffer, 0, n);
      }
    }
    byte[] digest = md.digest();
    if (withProbe) {
      probe.onFileDone("data/f" + (file++ % 10_000) + ".bin", "%064d".formatted(file));
    }
    return digest;
  }

  @TearDown
  public void tearDown() {
    BenchmarkFiles.delete(dir);
  }

  @Benchmark
  public byte[] rawHashBlock() {
    md.update(block, 0, BLOCK);
    if (++blockInFile == 4) {
      blockInFile = 0;
      return md.digest();
    }
    return block;
  }
}
