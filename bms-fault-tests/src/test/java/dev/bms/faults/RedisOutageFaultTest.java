package dev.bms.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.JobId;
import dev.bms.cache.redis.RedisCacheProvider;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A private redis-server is killed (SIGKILL) under two bms instances that share their job cache
 * through it (bms-cache-redis near cache), then started again on the same port. Callers on both
 * instances never see an error; during the outage each instance serves from its own cache with the
 * short outage TTL; once Redis is back, an update on one instance reaches the other by invalidation
 * again (the normal near-cache TTL is ten minutes, so nothing else could make it visible).
 */
@Timeout(120)
class RedisOutageFaultTest {
  private static final String SCENARIO = "redis-kill";
  private static final Db DB = new Db(Db.SHARED_URL, Db.randomSchema("bms_fault_redis"));

  @AfterAll
  static void dropSchema() {
    DB.dropSchema();
  }

  private static BackupManager instance(String name, RedisCacheProvider cache) {
    BackupManager bms = Bms.builder()
        .instanceId(name)
        .storage(JdbcStorage.builder().url(DB.url()).credentials("postgres", "").schema(DB.schema()).poolSize(4).build())
        .cache(cache)
        .plugin(new FaultPlugin())
        .scheduler(false)
        .build();
    bms.start();
    return bms;
  }

  private static RedisCacheProvider cache(PrivateRedis redis, String prefix) {
    return RedisCacheProvider.builder().address(redis.address()).keyPrefix(prefix)
        .nearCacheTtl(Duration.ofMinutes(10))
        .outageNearCacheTtl(Duration.ofSeconds(1))
        .meterRegistry(new SimpleMeterRegistry()).build();
  }

  private static BackupJob job(String name) {
    return BackupJob.builder(name).source("slow", FaultPlugin.slowSource(1024, 0))
        .copy(CopySpec.target("recording", Map.of()).named("rec")).build();
  }

  @Test
  void killingRedisCostsCallersNothingAndInvalidationResumesAfterRestart() throws Exception {
    String prefix = "bms-fault-" + UUID.randomUUID().toString().substring(0, 8);
    List<Thread> readers = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong calls = new AtomicLong();
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    try (PrivateRedis redis = new PrivateRedis(Path.of("target", "fault-logs"))) {
      redis.start();
      RedisCacheProvider cacheA = cache(redis, prefix);
      RedisCacheProvider cacheB = cache(redis, prefix);
      try (BackupManager a = instance("redis-a", cacheA); BackupManager b = instance("redis-b", cacheB)) {
        JobId id = a.jobs().create(job("shared-0"));
        assertThat(b.jobs().require(id).name()).isEqualTo("shared-0");
        for (BackupManager reader : List.of(a, b, b)) {
          Thread t = new Thread(() -> {
            while (!stop.get()) {
              try {
                reader.jobs().require(id);
                calls.incrementAndGet();
                Thread.sleep(2);
              } catch (InterruptedException e) {
                return;
              } catch (Throwable e) {
                errors.add(e);
              }
            }
          }, "reader");
          t.start();
          readers.add(t);
        }

        long killedAt = System.nanoTime();
        redis.kill();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
            .until(() -> !cacheA.isRedisUp() && !cacheB.isRedisUp());
        Duration detection = Duration.ofNanos(System.nanoTime() - killedAt);

        // during the outage: writes succeed, and the other instance sees them within the outage TTL
        long callsBefore = calls.get();
        a.jobs().update(id, a.jobs().require(id).version(), job("during-outage"));
        long updatedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
            .until(() -> b.jobs().require(id).name().equals("during-outage"));
        Duration staleDuringOutage = Duration.ofNanos(System.nanoTime() - updatedAt);
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() > callsBefore + 100);
        long callsDuringOutage = calls.get() - callsBefore;

        long restartedAt = System.nanoTime();
        redis.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
            .until(() -> cacheA.isRedisUp() && cacheB.isRedisUp());
        Duration recovery = Duration.ofNanos(System.nanoTime() - restartedAt);

        // invalidation flows again: B caches the job, A changes it, B drops its copy
        assertThat(b.jobs().require(id).name()).isEqualTo("during-outage");
        assertThat(b.jobs().require(id).name()).isEqualTo("during-outage");
        a.jobs().update(id, a.jobs().require(id).version(), job("after-restart"));
        long sentAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(1))
            .until(() -> b.jobs().require(id).name().equals("after-restart"));
        Duration invalidation = Duration.ofNanos(System.nanoTime() - sentAt);

        stop.set(true);
        for (Thread t : readers) {
          t.join(5_000);
        }
        Figures.record(SCENARIO, "detection (both instances on local cache)", detection);
        Figures.record(SCENARIO, "update seen by the other instance during the outage", staleDuringOutage);
        Figures.record(SCENARIO, "recovery (both reconnected after restart)", recovery);
        Figures.record(SCENARIO, "invalidation after recovery", invalidation);
        Figures.record(SCENARIO, "caller errors", errors.size() + " of " + calls.get() + " reads ("
            + callsDuringOutage + " during the outage)");
        assertThat(errors).as("errors seen by callers").isEmpty();
        assertThat(calls.get()).isGreaterThan(callsDuringOutage);
      }
    } finally {
      stop.set(true);
      for (Thread t : readers) {
        t.interrupt();
      }
    }
  }
}
