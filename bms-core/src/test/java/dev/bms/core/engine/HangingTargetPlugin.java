package dev.bms.core.engine;

import dev.bms.api.model.Manifest;
import dev.bms.api.model.MediaType;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.TargetCapabilities;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Target type "hang": the first write of every session blocks until the test {@linkplain
 * Hang#release releases} it. Key {@code name} names its {@link Hang} state; key {@code mode}:
 * {@code HONOURS} (an interrupt ends the write with {@link InterruptedIOException}) or
 * {@code IGNORES} (interrupts and {@code abort} change nothing: the thread stays until released,
 * like a plugin stuck in a native call).
 */
final class HangingTargetPlugin implements BmsPlugin {
  static final Map<String, Hang> HANGS = new ConcurrentHashMap<>();

  /** What one named hanging target saw. */
  static final class Hang {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch blocked = new CountDownLatch(1);
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger aborts = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger interruptsSeen = new AtomicInteger();
    final AtomicInteger writesReturned = new AtomicInteger();

    void release() {
      release.countDown();
    }

    boolean awaitBlocked() throws InterruptedException {
      return blocked.await(20, TimeUnit.SECONDS);
    }
  }

  static Hang hang(String name) {
    return HANGS.computeIfAbsent(name, k -> new Hang());
  }

  static void releaseAll() {
    HANGS.values().forEach(Hang::release);
    HANGS.clear();
  }

  static Map<String, String> config(String name, boolean honoursInterrupts) {
    return Map.of("name", name, "mode", honoursInterrupts ? "HONOURS" : "IGNORES");
  }

  @Override
  public String name() {
    return "hanging-target";
  }

  @Override
  public List<BackupTargetFactory> targets() {
    return List.of(new BackupTargetFactory() {
      @Override
      public String type() {
        return "hang";
      }

      @Override
      public BackupTarget create(PluginConfig config) {
        Hang hang = hang(config.requireString("name"));
        boolean honours = config.string("mode", "HONOURS").equals("HONOURS");
        config.validate();
        hang.created.incrementAndGet();
        return new HangingTarget(hang, honours);
      }
    });
  }

  private record HangingTarget(Hang hang, boolean honours) implements BackupTarget {
    @Override
    public TargetCapabilities capabilities() {
      return new TargetCapabilities(MediaType.OTHER, "hang", false, false, false);
    }

    @Override
    public WriteSession openWrite(WriteRequest request) {
      return new WriteSession() {
        @Override
        public OutputStream openEntry(String path, long size) {
          return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              hang.blocked.countDown();
              while (true) {
                try {
                  hang.release.await();
                  hang.writesReturned.incrementAndGet();
                  return;
                } catch (InterruptedException e) {
                  hang.interruptsSeen.incrementAndGet();
                  if (honours) {
                    throw new InterruptedIOException("write interrupted");
                  }
                }
              }
            }
          };
        }

        @Override
        public StoredCopy commit(Manifest manifest) {
          return new StoredCopy("hang:" + request.executionId(), Optional.empty());
        }

        @Override
        public void abort() {
          hang.aborts.incrementAndGet();
        }
      };
    }

    @Override
    public InputStream openRead(String location, String path) throws IOException {
      throw new NoSuchFileException(path);
    }

    @Override
    public void delete(String location) {
    }

    @Override
    public void close() {
      hang.closes.incrementAndGet();
    }
  }
}
