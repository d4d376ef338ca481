package dev.bms.core.engine;

import dev.bms.api.CopyLockedException;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.MediaType;
import dev.bms.spi.BackupSource;
import dev.bms.spi.BackupSourceFactory;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.SourceEntry;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.TargetCapabilities;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory source "mem" and target "mem" for engine tests, fast enough for 10,000 executions.
 *
 * <p>Source keys: {@code bytes} (size of its one file, default 64), {@code behavior}:
 * <ul>
 *   <li>{@code NORMAL}: one file;</li>
 *   <li>{@code GATED}: the first run to reach gate {@code gate} writes half the file, then blocks
 *       (no progress, so no heartbeat) until the test opens the gate; later runs pass;</li>
 *   <li>{@code GATED_AT_END}: like GATED but blocks after the whole file (the next step is the
 *       completion write);</li>
 *   <li>{@code SECOND_FILE_GATED}: a whole first file, then a second one that stops half-way at gate
 *       {@code gate} like GATED;</li>
 *   <li>{@code SLOW}: {@code bytes} bytes, 1 KiB every 5 ms;</li>
 *   <li>{@code ENDLESS}: 1 KiB every 5 ms forever (progress all the time); stops when interrupted;</li>
 *   <li>{@code BLOCK_IN_CHILD}: in a JVM with system property {@code bms.test.child=true}, writes 8 KiB
 *       slowly (heartbeats carry progress) then blocks forever; elsewhere like NORMAL.</li>
 * </ul>
 *
 * <p>Target keys: {@code store} (namespace), {@code failTimes} (the first N writes of this target
 * fail), {@code lockSeconds} (copies are immutable that long after {@code lockFrom} epoch seconds).
 */
public final class EngineTestPlugin implements BmsPlugin {
  /** Committed copies: location to files. */
  public static final Map<String, Map<String, byte[]>> COPIES = new ConcurrentHashMap<>();
  /** Commits per execution id (to prove each ran once). */
  public static final Map<String, AtomicInteger> COMMITS = new ConcurrentHashMap<>();
  public static final AtomicInteger ABORTS = new AtomicInteger();
  public static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();
  public static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

  /** A gate the first run blocks on. */
  public static final class Gate {
    private final CountDownLatch open = new CountDownLatch(1);
    private final CountDownLatch reached = new CountDownLatch(1);
    private final AtomicBoolean taken = new AtomicBoolean();

    public void open() {
      open.countDown();
    }

    public boolean awaitReached(long seconds) throws InterruptedException {
      return reached.await(seconds, TimeUnit.SECONDS);
    }

    void pass() throws InterruptedIOException {
      if (taken.compareAndSet(false, true)) {
        reached.countDown();
        try {
          open.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("gate wait interrupted");
        }
      }
    }
  }

  public static Gate gate(String name) {
    return GATES.computeIfAbsent(name, k -> new Gate());
  }

  public static void reset() {
    COPIES.clear();
    COMMITS.clear();
    ABORTS.set(0);
    FAILURES.clear();
    GATES.clear();
  }

  @Override
  public String name() {
    return "engine-test";
  }

  @Override
  public List<BackupSourceFactory> sources() {
    return List.of(new BackupSourceFactory() {
      @Override
      public String type() {
        return "mem";
      }

      @Override
      public BackupSource create(PluginConfig config, PluginContext context) {
        int bytes = config.intValue("bytes", 64);
        String behavior = config.string("behavior", "NORMAL");
        String gate = config.string("gate", "");
        config.validate();
        return sink -> read(sink, bytes, behavior, gate);
      }
    });
  }

  private static void read(BackupSource.EntrySink sink, int bytes, String behavior, String gate) throws IOException {
    byte[] data = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      data[i] = (byte) (i * 7 + 3);
    }
    boolean child = Boolean.getBoolean("bms.test.child");
    if (behavior.equals("SECOND_FILE_GATED")) {
      sink.accept(new SourceEntry("first.bin", bytes, Instant.EPOCH), new ByteArrayInputStream(data));
      read(sink, bytes, "GATED", gate);
      return;
    }
    switch (behavior) {
      case "GATED", "GATED_AT_END" -> sink.accept(new SourceEntry("data.bin", bytes, Instant.EPOCH), new InputStream() {
        int pos;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int gateAt = behavior.equals("GATED") ? bytes / 2 : bytes;
          if (pos == gateAt) {
            gate(gate).pass();
            if (pos == bytes) {
              return -1;
            }
          }
          if (pos >= bytes) {
            return -1;
          }
          int n = Math.min(len, (pos < gateAt ? gateAt : bytes) - pos);
          System.arraycopy(data, pos, b, off, n);
          pos += n;
          return n;
        }
      });
      case "SLOW" -> sink.accept(new SourceEntry("slow.bin", bytes, Instant.EPOCH), slow(bytes, false));
      case "ENDLESS" -> sink.accept(new SourceEntry("endless.bin", Long.MAX_VALUE, Instant.EPOCH), slow(Long.MAX_VALUE, false));
      case "BLOCK_IN_CHILD" -> {
        if (child) {
          sink.accept(new SourceEntry("data.bin", 64 * 1024, Instant.EPOCH), slow(64 * 1024, true));
        } else {
          sink.accept(new SourceEntry("data.bin", bytes, Instant.EPOCH), new ByteArrayInputStream(data));
        }
      }
      default -> sink.accept(new SourceEntry("data.bin", bytes, Instant.EPOCH), new ByteArrayInputStream(data));
    }
  }

  /** {@code total} bytes, 1 KiB every 5 ms; then blocks forever if {@code hang}. */
  private static InputStream slow(long total, boolean hang) {
    return new InputStream() {
      long pos;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          if (pos >= total) {
            if (hang) {
              Thread.sleep(Long.MAX_VALUE);
            }
            return -1;
          }
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("source interrupted");
        }
        int n = (int) Math.min(Math.min(len, 1024), total - pos);
        pos += n;
        return n;
      }
    };
  }

  @Override
  public List<BackupTargetFactory> targets() {
    return List.of(new BackupTargetFactory() {
      @Override
      public String type() {
        return "mem";
      }

      @Override
      public BackupTarget create(PluginConfig config, PluginContext context) {
        String store = config.string("store", "default");
        int failTimes = config.intValue("failTimes", 0);
        int lockSeconds = config.intValue("lockSeconds", 0);
        long lockFrom = Long.parseLong(config.string("lockFrom", "0"));
        config.validate();
        return new MemTarget(store, failTimes, lockSeconds, lockFrom);
      }
    });
  }

  private record MemTarget(String store, int failTimes, int lockSeconds, long lockFrom) implements BackupTarget {
    @Override
    public TargetCapabilities capabilities() {
      return new TargetCapabilities(MediaType.OTHER, "memory", false, lockSeconds > 0, false);
    }

    @Override
    public WriteSession openWrite(WriteRequest request) throws IOException {
      if (FAILURES.computeIfAbsent(store, k -> new AtomicInteger()).incrementAndGet() <= failTimes) {
        throw new IOException("target '" + store + "' unavailable (simulated)");
      }
      String location = store + "/" + request.jobName() + "/" + request.executionId() + "/" + request.copyName();
      Map<String, byte[]> files = new ConcurrentHashMap<>();
      return new WriteSession() {
        @Override
        public OutputStream openEntry(String path, long size) {
          return new ByteArrayOutputStream() {
            @Override
            public void close() {
              files.put(path, toByteArray());
            }
          };
        }

        @Override
        public StoredCopy commit(Manifest manifest) {
          COPIES.put(location, files);
          COMMITS.computeIfAbsent(request.executionId().toString(), k -> new AtomicInteger()).incrementAndGet();
          Optional<Instant> lock = lockSeconds > 0 ? Optional.of(Instant.ofEpochSecond(lockFrom + lockSeconds)) : Optional.empty();
          return new StoredCopy(location, lock);
        }

        @Override
        public void abort() {
          ABORTS.incrementAndGet();
        }
      };
    }

    @Override
    public InputStream openRead(String location, String path) throws IOException {
      Map<String, byte[]> files = COPIES.get(location);
      if (files == null || !files.containsKey(path)) {
        throw new NoSuchFileException(location + "/" + path);
      }
      return new ByteArrayInputStream(files.get(path));
    }

    @Override
    public void delete(String location) throws IOException {
      if (lockSeconds > 0) {
        throw new CopyLockedException(location, Instant.ofEpochSecond(lockFrom + lockSeconds));
      }
      if (COPIES.remove(location) == null) {
        throw new NoSuchFileException(location);
      }
    }
  }
}
