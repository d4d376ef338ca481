package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.bms.api.ExecutionService;
import dev.bms.core.internal.Lifecycle;
import dev.bms.core.internal.event.EventBus;
import dev.bms.spi.cache.CacheProvider;
import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

  @Test
  void anApplicationInjectorWithItsOwnClockAndMeterRegistryGetsOnlyTheManagerAndItsServices() throws Exception {
    Instant bmsTime = Instant.parse("2030-01-01T00:00:00Z");
    Clock appClock = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);
    SimpleMeterRegistry appRegistry = new SimpleMeterRegistry();
    Injector injector = Guice.createInjector(Bms.builder()
        .storage(JdbcStorage.embedded(dir.resolve("db")))
        .clock(Clock.fixed(bmsTime, ZoneOffset.UTC))
        .module(), binder -> {
          binder.bind(Clock.class).toInstance(appClock);
          binder.bind(MeterRegistry.class).toInstance(appRegistry);
        });
    try (BackupManager bms = injector.getInstance(BackupManager.class)) {
      bms.start();
      assertThat(injector.getInstance(Clock.class)).isSameAs(appClock);
      for (Class<?> internal : List.of(Storage.class, CacheProvider.class, EventBus.class, Lifecycle.class)) {
        assertThat(injector.getExistingBinding(Key.get(internal))).as(internal.getSimpleName()).isNull();
      }
      assertThat(injector.getInstance(ExecutionService.class)).isSameAs(bms.executions());
      JobId id = bms.jobs().create(BackupJob.builder("own-clock")
          .source("directory", Map.of("path", TestBms.sampleTree(dir.resolve("src")).toString()))
          .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("t"))))
          .build());
      // bms keeps the clock it was built with, not the application's
      assertThat(bms.jobs().get(id).orElseThrow().createdAt()).isEqualTo(bmsTime);
    }
  }
}
