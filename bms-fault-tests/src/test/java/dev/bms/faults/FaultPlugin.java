package dev.bms.faults;

import dev.bms.api.model.ExecutionId;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the fault scenarios back up, slowly enough that a fault lands mid-backup.
 *
 * <p>Source {@code "slow"}: one file {@code data.bin} of {@code bytes} bytes (default 64 KiB), read
 * {@code chunk} bytes (default 1 KiB) every {@code stepMillis} ms (default 25): each chunk is
 * progress, so heartbeats flow while it runs. Interrupting the reading thread stops it.
 *
 * <p>Target {@code "recording"}: keeps nothing but the ids of the executions whose copy it
 * committed (this JVM only), so a scenario can ask "was this backup finished on the target?"
 */
public final class FaultPlugin implements BmsPlugin {
  /** Executions whose copy the recording target committed, in this JVM. */
  public static final Set<ExecutionId> COMMITTED = ConcurrentHashMap.newKeySet();

  @Override
  public String name() {
    return "fault-suite";
  }

  @Override
  public List<BackupSourceFactory> sources() {
    return List.of(new BackupSourceFactory() {
      @Override
      public String type() {
        return "slow";
      }

      @Override
      public BackupSource create(PluginConfig config, PluginContext context) {
        int bytes = config.intValue("bytes", 64 * 1024, 1, 1 << 30);
        int chunk = config.intValue("chunk", 1024, 1, 1 << 20);
        int stepMillis = config.intValue("stepMillis", 25, 0, 10_000);
        config.validate();
        return sink -> sink.accept(new SourceEntry("data.bin", bytes, Instant.EPOCH), slow(bytes, chunk, stepMillis));
      }
    });
  }

  @Override
  public List<BackupTargetFactory> targets() {
    return List.of(new BackupTargetFactory() {
      @Override
      public String type() {
        return "recording";
      }

      @Override
      public BackupTarget create(PluginConfig config, PluginContext context) {
        config.validate();
        return new RecordingTarget();
      }
    });
  }

  private static InputStream slow(long total, int chunk, int stepMillis) {
    return new InputStream() {
      private long pos;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (pos >= total) {
          return -1;
        }
        try {
          Thread.sleep(stepMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("slow source interrupted");
        }
        int n = (int) Math.min(Math.min(len, chunk), total - pos);
        for (int i = 0; i < n; i++) {
          b[off + i] = (byte) (pos + i);
        }
        pos += n;
        return n;
      }
    };
  }

  private static final class RecordingTarget implements BackupTarget {
    @Override
    public TargetCapabilities capabilities() {
      return new TargetCapabilities(MediaType.OTHER, "memory", false, false, false);
    }

    @Override
    public WriteSession openWrite(WriteRequest request) {
      return new WriteSession() {
        @Override
        public OutputStream openEntry(String path, long size) {
          return OutputStream.nullOutputStream();
        }

        @Override
        public StoredCopy commit(Manifest manifest) {
          COMMITTED.add(request.executionId());
          return new StoredCopy("recording:" + request.executionId(), Optional.empty());
        }

        @Override
        public void abort() {
        }
      };
    }

    @Override
    public InputStream openRead(String location, String path) throws IOException {
      throw new NoSuchFileException(location + "/" + path + " (the recording target keeps no data)");
    }

    @Override
    public void delete(String location) {
    }
  }

  static Map<String, String> slowSource(int bytes, int stepMillis) {
    return Map.of("bytes", String.valueOf(bytes), "chunk", "1024", "stepMillis", String.valueOf(stepMillis));
  }
}
