package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.bms.api.BackupManager;
import dev.bms.api.InvalidConfigException;
import dev.bms.api.JobService;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuilderTest {
  @TempDir
  Path dir;

  @Test
  void twoPluginsWithOneTargetTypeFailTheBuild() {
    BmsPlugin clash = new BmsPlugin() {
      @Override
      public String name() {
        return "impostor";
      }

      @Override
      public List<BackupTargetFactory> targets() {
        return new TestBms.FailingPlugin().targets();
      }
    };
    assertThatThrownBy(() -> TestBms.builder(dir, new SimpleMeterRegistry()).plugin(clash).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("target type 'failing' is provided by both plugin 'failing-test-plugin' and plugin 'impostor'");
  }

  @Test
  void badOptionsAreRejectedWhenSet() {
    assertThatThrownBy(() -> Bms.builder().heartbeatInterval(Duration.ZERO))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("heartbeatInterval");
    assertThatThrownBy(() -> Bms.builder().instanceId(" "))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("instanceId");
    assertThatThrownBy(() -> Bms.builder().storage("nosql", Map.of()).build())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("no StorageProvider of type 'nosql'");
  }

  @Test
  void storageCanBeConfiguredByProviderTypeAndKeys() {
    try (BackupManager bms = Bms.builder()
        .storage("jdbc", Map.of("url", "jdbc:h2:file:" + dir.resolve("keys-db").toAbsolutePath()))
        .build()) {
      bms.start();
      assertThat(bms.jobs().findByName("none")).isEmpty();
    }
  }

  @Test
  void guiceApplicationsUseTheModule() throws Exception {
    Injector injector = Guice.createInjector(Bms.builder()
        .storage(JdbcStorage.embedded(dir.resolve("db")))
        .module());
    try (BackupManager bms = injector.getInstance(BackupManager.class)) {
      bms.start();
      assertThat(injector.getInstance(JobService.class)).isSameAs(bms.jobs());
      Path src = TestBms.sampleTree(dir.resolve("src"));
      JobId id = bms.jobs().create(BackupJob.builder("via-guice")
          .source("directory", Map.of("path", src.toString()))
          .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("t"))))
          .build());
      Execution run = bms.executions().runNow(id);
      assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }
}
