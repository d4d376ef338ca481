package dev.bms.core;

import dev.bms.api.model.Manifest;
import dev.bms.api.model.MediaType;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A vendor-style target (object storage, offsite) that keeps copies in memory and implements only
 * the SPI: restores read it through {@link BackupTarget#openRead}. A bucket can be gated: reads hand
 * out their first byte, then wait until the test opens the gate.
 */
final class MemoryTargetPlugin implements BmsPlugin {
  static final Map<String, Map<String, byte[]>> BUCKETS = new ConcurrentHashMap<>();
  static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

  /** Holds reads of a bucket after their first byte. */
  static final class Gate {
    final CountDownLatch reading = new CountDownLatch(1);
    final CountDownLatch open = new CountDownLatch(1);
  }

  @Override
  public String name() {
    return "memory-test";
  }

  @Override
  public List<BackupTargetFactory> targets() {
    return List.of(new BackupTargetFactory() {
      @Override
      public String type() {
        return "memory";
      }

      @Override
      public BackupTarget create(PluginConfig config, PluginContext context) {
        return new MemoryTarget(config.asMap().get("bucket"));
      }
    });
  }

  static final class MemoryTarget implements BackupTarget {
    private final String bucket;

    MemoryTarget(String bucket) {
      this.bucket = bucket;
    }

    private Map<String, byte[]> objects() {
      return BUCKETS.computeIfAbsent(bucket, k -> new ConcurrentHashMap<>());
    }

    @Override
    public TargetCapabilities capabilities() {
      return new TargetCapabilities(MediaType.OBJECT_STORAGE, "memory:" + bucket, true, false, false);
    }

    @Override
    public WriteSession openWrite(WriteRequest request) {
      String prefix = bucket + "/" + request.executionId() + "/";
      return new WriteSession() {
        @Override
        public OutputStream openEntry(String path, long size) {
          return new ByteArrayOutputStream() {
            @Override
            public void close() {
              objects().put(prefix + path, toByteArray());
            }
          };
        }

        @Override
        public StoredCopy commit(Manifest manifest) {
          return new StoredCopy(prefix, Optional.empty());
        }

        @Override
        public void abort() {
        }
      };
    }

    @Override
    public InputStream openRead(String location, String path) throws IOException {
      byte[] data = objects().get(location + path);
      if (data == null) {
        throw new NoSuchFileException(location + path);
      }
      Gate gate = GATES.get(bucket);
      if (gate == null) {
        return new ByteArrayInputStream(data);
      }
      return new InputStream() {
        int pos;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (pos >= data.length) {
            return -1;
          }
          if (pos > 0) {
            gate.reading.countDown();
            try {
              if (!gate.open.await(30, TimeUnit.SECONDS)) {
                throw new IOException("gate never opened");
              }
            } catch (InterruptedException e) {
              throw new InterruptedIOException();
            }
          }
          b[off] = data[pos++];
          return 1;
        }
      };
    }

    @Override
    public void delete(String location) {
      objects().keySet().removeIf(k -> k.startsWith(location));
    }
  }
}
