package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.MediaType;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.TargetCapabilities;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Targets created only to validate a job's copies are closed, not kept for the manager's life. */
class ValidationTargetsTest {
  @TempDir
  Path dir;

  private final AtomicInteger open = new AtomicInteger();

  @Test
  void targetsCreatedToValidateJobsAreNotKept() {
    try (BackupManager bms = Bms.builder().storage(dev.bms.storage.jdbc.JdbcStorage.embedded(dir.resolve("db")))
        .meterRegistry(new SimpleMeterRegistry()).plugin(new CountingPlugin()).build()) {
      bms.start();
      for (int i = 0; i < 20; i++) {
        bms.jobs().create(BackupJob.builder("job-" + i)
            .source("directory", Map.of("path", dir.toString()))
            .copy(CopySpec.target("counting", Map.of("bucket", "b-" + i)))
            .build());
      }
      assertThat(open).as("targets still open after validating 20 jobs").hasValue(0);
    }
  }

  private final class CountingPlugin implements BmsPlugin {
    @Override
    public String name() {
      return "counting";
    }

    @Override
    public List<BackupTargetFactory> targets() {
      return List.of(new BackupTargetFactory() {
        @Override
        public String type() {
          return "counting";
        }

        @Override
        public BackupTarget create(PluginConfig config, PluginContext context) {
          config.requireString("bucket");
          config.validate();
          open.incrementAndGet();
          return new CountingTarget();
        }
      });
    }
  }

  private final class CountingTarget implements BackupTarget {
    @Override
    public TargetCapabilities capabilities() {
      return new TargetCapabilities(MediaType.OTHER, "test", false, false, false);
    }

    @Override
    public WriteSession openWrite(WriteRequest request) throws IOException {
      throw new IOException("not used");
    }

    @Override
    public InputStream openRead(String location, String path) throws IOException {
      throw new IOException("not used");
    }

    @Override
    public void delete(String location) {
    }

    @Override
    public void close() {
      open.decrementAndGet();
    }
  }
}
