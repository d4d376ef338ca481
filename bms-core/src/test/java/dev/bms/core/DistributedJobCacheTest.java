package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.JobId;
import dev.bms.cache.redis.RedisCacheProvider;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bms instances sharing the real PostgreSQL and Redis, as in production: a job update on one
 * is seen by the other through Redis invalidation, and a restarted instance serves its first read
 * from the warmed cache.
 */
class DistributedJobCacheTest {
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String SCHEMA = "bms_core_cache_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final String prefix = "bms-core-test-" + UUID.randomUUID().toString().substring(0, 8);

  @TempDir
  Path dir;

  private BackupManager instance(String name, SimpleMeterRegistry registry) {
    BackupManager bms = Bms.builder()
        .instanceId(name)
        .storage(JdbcStorage.builder().url(PG).credentials("postgres", "").schema(SCHEMA).poolSize(2).build())
        .cache(RedisCacheProvider.builder().address("redis://127.0.0.1:6379").keyPrefix(prefix)
            .meterRegistry(registry).build())
        .meterRegistry(registry)
        .build();
    bms.start();
    return bms;
  }

  private BackupJob job(String name) {
    return BackupJob.builder(name).copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("t")))).build();
  }

  @Test
  void anUpdateOnOneInstanceIsSeenByTheOther() {
    SimpleMeterRegistry registryB = new SimpleMeterRegistry();
    try (BackupManager a = instance("a", new SimpleMeterRegistry()); BackupManager b = instance("b", registryB)) {
      JobId id = a.jobs().create(job("shared"));
      assertThat(b.jobs().require(id).name()).isEqualTo("shared");
      assertThat(b.jobs().require(id).name()).isEqualTo("shared"); // now cached on b

      long start = System.nanoTime();
      a.jobs().update(id, 1, job("shared-renamed"));
      await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(1))
          .until(() -> b.jobs().require(id).name().equals("shared-renamed"));
      System.out.printf("update on a seen by b after %.2f ms%n", (System.nanoTime() - start) / 1e6);
    }
  }

  @Test
  void afterARestartTheFirstGetIsACacheHit() {
    JobId id;
    try (BackupManager first = instance("before-restart", new SimpleMeterRegistry())) {
      id = first.jobs().create(job("warm-me"));
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (BackupManager restarted = instance("after-restart", registry)) {
      assertThat(restarted.jobs().get(id)).isPresent();
      assertThat(registry.get("bms.cache.hits").tag("cache", "jobs").counter().count()).isEqualTo(1);
      assertThat(registry.get("bms.cache.misses").tag("cache", "jobs").counter().count()).isZero();
    }
  }

  @AfterAll
  static void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }
}
