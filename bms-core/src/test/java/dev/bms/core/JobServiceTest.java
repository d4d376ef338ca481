package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.BackupManager;
import dev.bms.api.ConflictException;
import dev.bms.api.InvalidJobException;
import dev.bms.api.NotFoundException;
import dev.bms.api.UnknownPluginException;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.Schedule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobServiceTest {
  @TempDir
  Path dir;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  BackupManager bms;
  Path source;

  @BeforeEach
  void start() throws Exception {
    bms = TestBms.started(dir, registry);
    source = TestBms.sampleTree(dir.resolve("src"));
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  private BackupJob.Builder job(String name) {
    return BackupJob.builder(name)
        .source("directory", Map.of("path", source.toString()))
        .schedule(Schedule.cron("0 2 * * *", ZoneId.of("Europe/Berlin")))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("t1"))).named("nas"))
        .rpo(Duration.ofHours(26));
  }

  @Test
  void createsReadsUpdatesAndDeletes() {
    JobId id = bms.jobs().create(job("payroll").label("team", "hr").build());

    Job created = bms.jobs().require(id);
    assertThat(created.name()).isEqualTo("payroll");
    assertThat(created.version()).isEqualTo(1);
    assertThat(created.definition().labels()).containsEntry("team", "hr");
    assertThat(bms.jobs().findByName("payroll")).contains(created);

    Job updated = bms.jobs().update(id, created.version(), job("payroll-v2").build());
    assertThat(updated.version()).isEqualTo(2);
    assertThat(bms.jobs().require(id).name()).isEqualTo("payroll-v2");

    assertThat(bms.jobs().disable(id).enabled()).isFalse();
    assertThat(bms.jobs().require(id).enabled()).isFalse();
    assertThat(bms.jobs().list(JobFilter.all().withEnabled(true), PageRequest.first(10)).items()).isEmpty();
    assertThat(bms.jobs().enable(id).enabled()).isTrue();

    assertThat(bms.jobs().delete(id)).isTrue();
    assertThat(bms.jobs().get(id)).isEmpty();
    assertThat(bms.jobs().delete(id)).isFalse();
    assertThatThrownBy(() -> bms.jobs().update(id, 3, job("x").build())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void readsAreServedFromTheCacheAndWritesInvalidateIt() {
    JobId id = bms.jobs().create(job("cached").build());
    double hitsBefore = registry.get("bms.cache.hits").tag("cache", "jobs").counter().count();
    bms.jobs().get(id);
    bms.jobs().get(id);
    assertThat(registry.get("bms.cache.hits").tag("cache", "jobs").counter().count()).isEqualTo(hitsBefore + 2);

    bms.jobs().update(id, 1, job("cached-renamed").build());
    assertThat(bms.jobs().require(id).name()).isEqualTo("cached-renamed");
  }

  @Test
  void anUpdateBasedOnAStaleVersionIsRefusedNamingBothVersions() {
    JobId id = bms.jobs().create(job("contended").build());
    Job readByA = bms.jobs().require(id);
    Job readByB = bms.jobs().require(id);
    bms.jobs().update(id, readByA.version(), job("contended").description("by a").build());

    assertThatThrownBy(() -> bms.jobs().update(id, readByB.version(), job("contended").description("by b").build()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("version 2").hasMessageContaining("based on version 1");
    assertThat(bms.jobs().require(id).definition().description()).contains("by a");
    assertThat(bms.jobs().require(id).version()).isEqualTo(2);
  }

  @Test
  void concurrentReadModifyWriteLosesNoAcknowledgedUpdate() throws Exception {
    JobId id = bms.jobs().create(job("counter").label("n", "0").build());
    int writers = 4;
    int perWriter = 25;
    java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < perWriter; i++) {
            while (true) {
              Job current = bms.jobs().require(id);
              int n = Integer.parseInt(current.definition().labels().get("n"));
              try {
                bms.jobs().update(id, current.version(),
                    current.definition().toBuilder().label("n", String.valueOf(n + 1)).build());
                acknowledged.incrementAndGet();
                break;
              } catch (ConflictException lost) {
                // somebody else's update went first: read again
              }
            }
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(acknowledged.get()).isEqualTo(writers * perWriter);
    assertThat(bms.jobs().require(id).definition().labels()).containsEntry("n", String.valueOf(writers * perWriter));
  }

  @Test
  void duplicateNamesConflict() {
    bms.jobs().create(job("same").build());
    assertThatThrownBy(() -> bms.jobs().create(job("same").build()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("same");
  }

  @Test
  void unknownTargetTypeIsRejectedNamingTheCopyAndWritesNothing() {
    BackupJob bad = job("bad-target")
        .copy(CopySpec.target("tape-robot", Map.of()).named("vault"))
        .build();
    assertThatThrownBy(() -> bms.jobs().create(bad))
        .isInstanceOf(UnknownPluginException.class)
        .hasMessageContaining("copies[1] 'vault'")
        .hasMessageContaining("unknown target type 'tape-robot'")
        .hasMessageContaining("filesystem");
    assertThat(bms.jobs().list(JobFilter.all(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void emptyNameIsRejectedNamingTheField() {
    assertThatThrownBy(() -> job("").build())
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("name: must not be blank");
    assertThat(bms.jobs().list(JobFilter.all(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void targetPathOutsideItsRootIsRejectedAndWritesNothing() {
    BackupJob escaping = job("escaping")
        .copy(CopySpec.target("filesystem", Map.of("root", TestBms.fsTarget(dir.resolve("t2")).get("root"), "subdirectory", "../../etc"))
            .named("evil"))
        .build();
    assertThatThrownBy(() -> bms.jobs().create(escaping))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("copies[1] 'evil' (filesystem)")
        .hasMessageContaining("subdirectory")
        .hasMessageContaining("../../etc");
    assertThat(bms.jobs().findByName("escaping")).isEmpty();
  }

  @Test
  void everyPluginConfigProblemIsReportedAtOnce() {
    BackupJob bad = BackupJob.builder("many-problems")
        .source("directory", Map.of("path", dir.resolve("does-not-exist").toString()))
        .copy(CopySpec.target("filesystem", Map.of("rooot", "/tmp")).named("typo"))
        .schedule(Schedule.cron("99 * * * *", ZoneId.of("UTC")))
        .build();
    assertThatThrownBy(() -> bms.jobs().create(bad))
        .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("schedule.expression"))
            .anySatisfy(p -> assertThat(p).contains("source (directory)").contains("path"))
            .anySatisfy(p -> assertThat(p).contains("copies[0] 'typo'").contains("root"))
            .anySatisfy(p -> assertThat(p).contains("rooot").contains("unknown key")));
  }

  @Test
  void servicesRefuseWorkBeforeStart() throws Exception {
    try (BackupManager notStarted = TestBms.builder(dir.resolve("other"), registry).build()) {
      assertThatThrownBy(() -> notStarted.jobs().get(new JobId(java.util.UUID.randomUUID())))
          .isInstanceOf(dev.bms.api.LifecycleException.class)
          .hasMessageContaining("start()");
    }
  }
}
