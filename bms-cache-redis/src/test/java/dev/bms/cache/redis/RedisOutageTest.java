package dev.bms.cache.redis;

import dev.bms.spi.cache.KeyCodec;
import dev.bms.spi.cache.KeyedCache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Redis dies mid-run and comes back on the same port. The test runs its own redis-server so it
 * can kill it; the "storage" is a map, the source of truth the loaders read.
 */
class RedisOutageTest {
  record Job(String id, int version) {}

  private final String prefix = TestRedis.uniquePrefix();
  private final Map<String, Job> storage = new ConcurrentHashMap<>();
  private final AtomicInteger loads = new AtomicInteger();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private RedisServerProcess server;
  private RedisCacheProvider a;
  private RedisCacheProvider b;

  @BeforeEach
  void start() throws Exception {
    ((Logger) LoggerFactory.getLogger(InvalidationBus.class)).addAppender(logs);
    logs.start();
    server = new RedisServerProcess();
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger(InvalidationBus.class)).detachAppender(logs);
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    server.close();
  }

  private RedisCacheProvider provider(Duration outageTtl) {
    return provider(outageTtl, new SimpleMeterRegistry());
  }

  private RedisCacheProvider provider(Duration outageTtl, SimpleMeterRegistry registry) {
    return RedisCacheProvider.builder().address(server.address()).keyPrefix(prefix)
        .outageNearCacheTtl(outageTtl).meterRegistry(registry).build();
  }

  private Job load(String key) {
    loads.incrementAndGet();
    return storage.get(key);
  }

  @Test
  void afterRecoveryNoInstanceServesAValueChangedDuringTheOutage() throws Exception {
    // A long outage TTL, so only the clear-on-recovery rule can protect B here.
    SimpleMeterRegistry metricsOfA = new SimpleMeterRegistry();
    a = provider(Duration.ofMinutes(10), metricsOfA);
    b = provider(Duration.ofMinutes(10));
    KeyedCache<String, Job> jobsOnA = a.keyedCache("jobs", 100, Duration.ofMinutes(10), KeyCodec.identity());
    KeyedCache<String, Job> jobsOnB = b.keyedCache("jobs", 100, Duration.ofMinutes(10), KeyCodec.identity());
    ClusterRateLimiter limiter = b.rateLimiter("notifications", 2, Duration.ofMinutes(10));
    storage.put("j", new Job("j", 1));
    assertThat(jobsOnB.get("j", this::load)).contains(new Job("j", 1));

    server.kill();

    await().atMost(Duration.ofSeconds(10)).until(() -> !a.isRedisUp() && !b.isRedisUp());
    // reads keep succeeding, from the loader (the near cache was cleared when Redis went away)
    assertThat(jobsOnB.get("j", this::load)).contains(new Job("j", 1));
    assertThat(jobsOnB.get("j", this::load)).contains(new Job("j", 1));
    // writes and invalidations on A do not throw; B cannot hear about them
    storage.put("j", new Job("j", 2));
    assertThatCode(() -> {
      jobsOnA.put("j", new Job("j", 2));
      jobsOnA.invalidate("j");
      jobsOnA.invalidateAll();
      jobsOnA.putAll(Map.of("j", new Job("j", 2)));
    }).doesNotThrowAnyException();
    assertThat(jobsOnA.get("j", this::load)).contains(new Job("j", 2));
    assertThat(metricsOfA.get("bms.cache.redis.errors").tag("cache", "jobs").counter().count())
        .as("invalidations that could not be sent").isEqualTo(4);
    assertThat(jobsOnB.getIfPresent("j")).as("stale during the outage, within outageNearCacheTtl")
        .contains(new Job("j", 1));
    // the rate limiter falls back to a local limit
    assertThat(List.of(limiter.tryAcquire("job-1"), limiter.tryAcquire("job-1"), limiter.tryAcquire("job-1")))
        .containsExactly(true, true, false);

    server.start();

    await().atMost(Duration.ofSeconds(15)).until(() -> a.isRedisUp() && b.isRedisUp());
    await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(jobsOnB.get("j", this::load)).contains(new Job("j", 2)));

    // invalidations flow again
    storage.put("j", new Job("j", 3));
    jobsOnA.invalidate("j");
    await().atMost(Duration.ofSeconds(2)).until(() -> jobsOnB.getIfPresent("j").isEmpty());
    assertThat(jobsOnB.get("j", this::load)).contains(new Job("j", 3));

    // one warning per instance for the whole outage, one recovery line each
    List<ILoggingEvent> mine = logs.list.stream()
        .filter(e -> e.getFormattedMessage().contains(server.address())).toList();
    assertThat(mine).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(2);
    assertThat(mine).filteredOn(e -> e.getLevel() == Level.INFO)
        .hasSize(2).allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("reachable again"));
  }

  @Test
  void duringAnOutageEntriesLiveOnlyTheOutageTtl() throws Exception {
    b = provider(Duration.ofMillis(300));
    KeyedCache<String, Job> jobsOnB = b.keyedCache("jobs", 100, Duration.ofMinutes(10), KeyCodec.identity());
    storage.put("j", new Job("j", 1));

    server.kill();
    await().atMost(Duration.ofSeconds(10)).until(() -> !b.isRedisUp());
    assertThat(jobsOnB.get("j", this::load)).contains(new Job("j", 1));
    assertThat(jobsOnB.get("j", this::load)).contains(new Job("j", 1));
    int loadsBefore = loads.get();
    assertThat(loadsBefore).isEqualTo(1);
    storage.put("j", new Job("j", 2)); // changed by another instance B cannot hear from

    await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
        assertThat(jobsOnB.get("j", this::load)).contains(new Job("j", 2)));
  }

  @Test
  void aProviderBuiltWhileRedisIsDownWorksLocallyAndJoinsWhenItComesUp() throws Exception {
    server.kill();
    a = RedisCacheProvider.builder().address(server.address()).keyPrefix(prefix)
        .startupWait(Duration.ofMillis(500)).meterRegistry(new SimpleMeterRegistry()).build();
    KeyedCache<String, Job> jobsOnA = a.keyedCache("jobs", 100, Duration.ofMinutes(10), KeyCodec.identity());
    assertThat(a.isRedisUp()).isFalse();
    storage.put("j", new Job("j", 1));
    assertThat(jobsOnA.get("j", this::load)).contains(new Job("j", 1));

    server.start();
    await().atMost(Duration.ofSeconds(15)).until(a::isRedisUp);
    b = provider(Duration.ofSeconds(1));
    KeyedCache<String, Job> jobsOnB = b.keyedCache("jobs", 100, Duration.ofMinutes(10), KeyCodec.identity());
    assertThat(jobsOnA.get("j", this::load)).isPresent();
    jobsOnB.invalidate("j");
    await().atMost(Duration.ofSeconds(2)).until(() -> jobsOnA.getIfPresent("j").isEmpty());
  }
}
