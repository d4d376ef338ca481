package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.BackupManager;
import dev.bms.api.InvalidConfigException;
import dev.bms.api.InvalidJobException;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.MediaType;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.Secret;
import dev.bms.spi.SecretResolver;
import dev.bms.spi.TargetCapabilities;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import dev.bms.spi.notify.Notifier;
import dev.bms.spi.notify.NotifierFactory;
import dev.bms.storage.jdbc.JdbcStorage;
import dev.bms.testkit.time.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin factories get the manager's context (clock, instance id, metrics, secrets) and
 * configurations resolving secrets through the manager's resolvers.
 */
class PluginContextTest {
  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<PluginContext> targetContexts = new CopyOnWriteArrayList<>();
  private final List<PluginContext> notifierContexts = new CopyOnWriteArrayList<>();
  private final List<Secret> tokens = new CopyOnWriteArrayList<>();

  private BmsBuilder builder() {
    return Bms.builder().storage(JdbcStorage.embedded(dir.resolve("db"))).meterRegistry(meters).clock(clock)
        .instanceId("ctx-test").scheduler(false).plugin(new ContextPlugin());
  }

  private static BackupManager started(BmsBuilder builder) {
    BackupManager bms = builder.build();
    bms.start();
    return bms;
  }

  @Test
  void factoriesGetTheManagersClockInstanceIdMetricsAndSecrets() {
    SecretResolver vault = resolver("vault", Map.of("backup/token", "tok-from-vault"));
    try (BackupManager bms = started(builder().secretResolver(vault)
        .alerting(AlertingConfig.builder().notifier("ops", "ctx-notifier", Map.of()).build()))) {
      bms.jobs().create(job("secret:vault:backup/token"));

      assertThat(targetContexts).isNotEmpty().allSatisfy(c -> {
        assertThat(c.clock()).isSameAs(clock);
        assertThat(c.instanceId()).isEqualTo("ctx-test");
        assertThat(c.secrets().resolve("secret:vault:backup/token").secret()).map(Secret::reveal)
            .contains("tok-from-vault");
      });
      assertThat(notifierContexts).singleElement().satisfies(c -> assertThat(c.clock()).isSameAs(clock));
      assertThat(tokens).isNotEmpty().allSatisfy(t -> assertThat(t.reveal()).isEqualTo("tok-from-vault"));

      targetContexts.get(0).metrics().increment("ctx.writes", 3, "result", "ok");
      assertThat(meters.get("bms.plugin.ctx.writes").tag("plugin", "ctx").tag("kind", "target").tag("result", "ok")
          .counter().count()).isEqualTo(3.0);
      assertThatThrownBy(() -> targetContexts.get(0).metrics().increment("Bad Name", 1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aLiteralSecretIsRefusedNamingTheKeyNotTheValue() {
    try (BackupManager bms = started(builder())) {
      assertThatThrownBy(() -> bms.jobs().create(job("literal-canary-8731")))
          .isInstanceOfSatisfying(InvalidJobException.class, e -> {
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("token: holds a literal secret"));
            assertThat(e.getMessage()).doesNotContain("literal-canary-8731");
          });
    }
  }

  @Test
  void aLiteralSecretIsAcceptedWhenTheApplicationAllowsIt() {
    try (BackupManager bms = started(builder().allowLiteralSecrets(true))) {
      bms.jobs().create(job("literal-canary-8731"));
      assertThat(tokens).isNotEmpty().allSatisfy(t -> assertThat(t.reveal()).isEqualTo("literal-canary-8731"));
    }
  }

  @Test
  void anUnknownSchemeOrAClashOfResolversIsReported() {
    try (BackupManager bms = started(builder())) {
      assertThatThrownBy(() -> bms.jobs().create(job("secret:vault:backup/token")))
          .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.problems())
              .anySatisfy(p -> assertThat(p).contains("token: reference 'secret:vault:backup/token' names scheme 'vault'")));
    }
    assertThatThrownBy(() -> builder().secretResolver(resolver("vault", Map.of()))
        .secretResolver(resolver("vault", Map.of())).build())
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).contains("two secret resolvers for scheme 'vault'")));
  }

  @Test
  void aFactoryOverridingNeitherCreateMethodFailsTheBuild() {
    BmsPlugin lazy = new BmsPlugin() {
      @Override
      public String name() {
        return "lazy";
      }

      @Override
      public List<BackupTargetFactory> targets() {
        return List.of(() -> "lazy");
      }
    };
    assertThatThrownBy(() -> builder().plugin(lazy).build())
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("target type 'lazy'").contains("overrides neither")));
  }

  private static BackupJob job(String token) {
    return BackupJob.builder("ctx-job")
        .source("directory", Map.of("path", System.getProperty("java.io.tmpdir")))
        .copy(CopySpec.target("ctx", Map.of("token", token)))
        .build();
  }

  private static SecretResolver resolver(String scheme, Map<String, String> values) {
    return new SecretResolver() {
      @Override
      public String scheme() {
        return scheme;
      }

      @Override
      public Optional<Secret> resolve(String name) {
        return Optional.ofNullable(values.get(name)).map(Secret::of);
      }
    };
  }

  /** Target "ctx" and notifier "ctx-notifier", recording what their factories were given. */
  private final class ContextPlugin implements BmsPlugin {
    @Override
    public String name() {
      return "ctx";
    }

    @Override
    public List<BackupTargetFactory> targets() {
      return List.of(new BackupTargetFactory() {
        @Override
        public String type() {
          return "ctx";
        }

        @Override
        public BackupTarget create(PluginConfig config, PluginContext context) {
          Optional<Secret> token = config.requireSecret("token");
          config.validate();
          targetContexts.add(context);
          tokens.add(token.orElseThrow());
          return new NoTarget();
        }
      });
    }

    @Override
    public List<NotifierFactory> notifiers() {
      return List.of(new NotifierFactory() {
        @Override
        public String type() {
          return "ctx-notifier";
        }

        @Override
        public Notifier create(PluginConfig config, PluginContext context) {
          config.validate();
          notifierContexts.add(context);
          return notification -> { };
        }
      });
    }
  }

  private static final class NoTarget implements BackupTarget {
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
  }
}
