package dev.bms.core;

import dev.bms.api.BackupManager;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.TargetCapabilities;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.MediaType;

/** Builds managers on an embedded H2 store in a temporary directory, and sample trees to back up. */
final class TestBms {
  private TestBms() {
  }

  static BmsBuilder builder(Path dir, SimpleMeterRegistry registry) {
    return Bms.builder()
        .storage(JdbcStorage.embedded(dir.resolve("db")))
        .meterRegistry(registry)
        .plugin(new FailingPlugin())
        .instanceId("test");
  }

  static BackupManager started(Path dir, SimpleMeterRegistry registry) {
    BackupManager bms = builder(dir, registry).build();
    bms.start();
    return bms;
  }

  /** Writes a small tree: nested directories, an empty file, a 300 KiB file (larger than one buffer). */
  static Path sampleTree(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("a/b"));
    Files.writeString(dir.resolve("hello.txt"), "hello bms\n");
    Files.write(dir.resolve("a/empty.bin"), new byte[0]);
    byte[] big = new byte[300 * 1024];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31 + 7);
    }
    Files.write(dir.resolve("a/b/big.bin"), big);
    Files.write(dir.resolve("a/b/note.md"), "# note\n".getBytes(StandardCharsets.UTF_8));
    return dir;
  }

  /**
   * A plugin providing target type "failing": every write fails after {@code failAfterBytes} bytes
   * (config key), so tests can show one failed copy does not stop the others.
   */
  static final class FailingPlugin implements BmsPlugin {
    static final AtomicInteger ABORTS = new AtomicInteger();

    @Override
    public String name() {
      return "failing-test-plugin";
    }

    @Override
    public List<BackupTargetFactory> targets() {
      return List.of(new BackupTargetFactory() {
        @Override
        public String type() {
          return "failing";
        }

        @Override
        public BackupTarget create(PluginConfig config, PluginContext context) {
          int failAfter = config.intValue("failAfterBytes", 0);
          config.validate();
          return new FailingTarget(failAfter);
        }
      });
    }
  }

  private record FailingTarget(int failAfterBytes) implements BackupTarget {
    @Override
    public TargetCapabilities capabilities() {
      return new TargetCapabilities(MediaType.OTHER, "test", false, false, false);
    }

    @Override
    public WriteSession openWrite(WriteRequest request) {
      return new WriteSession() {
        long written;

        @Override
        public OutputStream openEntry(String path, long size) {
          return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              written += len;
              if (written > failAfterBytes) {
                throw new IOException("disk full (simulated after " + failAfterBytes + " bytes)");
              }
            }
          };
        }

        @Override
        public StoredCopy commit(Manifest manifest) throws IOException {
          throw new IOException("cannot commit");
        }

        @Override
        public void abort() {
          FailingPlugin.ABORTS.incrementAndGet();
        }
      };
    }

    @Override
    public InputStream openRead(String location, String path) throws IOException {
      throw new IOException("nothing stored");
    }

    @Override
    public void delete(String location) {
    }
  }

  /** A filesystem target's config; the target requires an existing root, so it is created. */
  static Map<String, String> fsTarget(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Map.of("root", root.toString(), "initialize", "true");
  }
}
