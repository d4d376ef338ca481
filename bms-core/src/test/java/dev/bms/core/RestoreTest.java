package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bms.api.BackupManager;
import dev.bms.testkit.time.MutableClock;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.NotFoundException;
import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.RestoreFinishedEvent;
import dev.bms.api.event.RestoreStartedEvent;
import dev.bms.api.model.Alert;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Manifest;
import dev.bms.spi.storage.ExecutionOutcome;
import dev.bms.storage.jdbc.JdbcStorage;
import dev.bms.api.model.ManifestEntry;
import dev.bms.api.restore.ConflictPolicy;
import dev.bms.api.restore.PlannedFile;
import dev.bms.api.restore.RestoreDestination;
import dev.bms.api.restore.RestoreExecution;
import dev.bms.api.restore.RestoreId;
import dev.bms.api.restore.RestorePlan;
import dev.bms.api.restore.RestorePointRef;
import dev.bms.api.restore.RestoreProblem;
import dev.bms.api.restore.RestoreRequest;
import dev.bms.api.restore.RestoreStatus;
import dev.bms.spi.RestoreSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreTest {
  @TempDir
  Path dir;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  final List<BmsEvent> events = new ArrayList<>();
  BackupManager bms;
  JdbcStorage storage;
  Path source;
  Path dest;

  @BeforeEach
  void start() throws Exception {
    MemoryTargetPlugin.BUCKETS.clear();
    MemoryTargetPlugin.GATES.clear();
    storage = JdbcStorage.embedded(dir.resolve("db"));
    bms = TestBms.builder(dir, registry).storage(storage).clock(clock).plugin(new MemoryTargetPlugin()).build();
    bms.start();
    bms.subscribe(events::add);
    source = TestBms.sampleTree(dir.resolve("src"));
    Files.setPosixFilePermissions(source.resolve("a/b/note.md"), PosixFilePermissions.fromString("rw-r-----"));
    Files.setLastModifiedTime(source.resolve("hello.txt"),
        java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));
    dest = dir.resolve("restored");
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  private JobId fsJob() {
    return bms.jobs().create(BackupJob.builder("files")
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("primary"))).named("primary"))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("secondary"))).named("secondary"))
        .build());
  }

  private JobId memoryJob(String bucket) {
    return bms.jobs().create(BackupJob.builder("vendor-" + bucket)
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("memory", Map.of("bucket", bucket)).named("blob"))
        .build());
  }

  private static RestoreRequest.Builder latest(JobId job) {
    return RestoreRequest.from(RestorePointRef.latest(job)).requestedBy("test");
  }

  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), TestHashes.sha256(Files.readAllBytes(p)));
      }
    }
    return files;
  }

  private Path dataFile(Execution run, String copy, String path) {
    return Path.of(run.copy(copy).orElseThrow().location().orElseThrow()).resolve("data").resolve(path);
  }

  private static void corrupt(Path file) throws IOException {
    file.toFile().setWritable(true);
    byte[] bytes = Files.readAllBytes(file);
    bytes[0] ^= 0x55;
    Files.write(file, bytes);
  }

  @Test
  void restoresAWholeRestorePointFromTheFilesystemTargetWithTimesAndPermissions() throws Exception {
    JobId job = fsJob();
    Execution run = bms.executions().runNow(job);

    RestoreExecution done = bms.restores().restore(latest(job).into(dest).build());

    assertThat(done.status()).isEqualTo(RestoreStatus.SUCCEEDED);
    assertThat(done.restorePoint()).isEqualTo(run.id());
    assertThat(done.filesRestored()).isEqualTo(4);
    assertThat(done.bytesRestored()).isEqualTo(run.bytes());
    assertThat(done.problems()).isEmpty();
    assertThat(done.copies()).singleElement().satisfies(c -> {
      assertThat(c.copyName()).isEqualTo("primary");
      assertThat(c.files()).isEqualTo(4);
    });
    assertThat(tree(dest)).isEqualTo(tree(source));
    assertThat(Files.getLastModifiedTime(dest.resolve("hello.txt")).toInstant())
        .isEqualTo(Instant.parse("2020-01-02T03:04:05Z"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("a/b/note.md"))))
        .isEqualTo("rw-r-----");
    assertThat(bms.restores().get(done.id())).contains(done);
    assertThat(bms.restores().list(java.util.Optional.of(job), dev.bms.api.model.PageRequest.first(10)).items())
        .containsExactly(done);
    assertThat(events).filteredOn(RestoreStartedEvent.class::isInstance).hasSize(1);
    assertThat(events).filteredOn(RestoreFinishedEvent.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((RestoreFinishedEvent) e).restore()).isEqualTo(done));
    assertThat(registry.get("bms.restores").tag("status", "SUCCEEDED").counter().count()).isEqualTo(1);
    assertThat(registry.get("bms.restore.duration").timer().count()).isEqualTo(1);
  }

  @Test
  void restoresAGlobSelectionAndExactPaths() throws Exception {
    JobId job = fsJob();
    bms.executions().runNow(job);

    RestoreExecution globbed = bms.restores().restore(latest(job).paths("**.md", "hello.txt").into(dest).build());

    assertThat(globbed.status()).isEqualTo(RestoreStatus.SUCCEEDED);
    assertThat(tree(dest)).containsOnlyKeys("a/b/note.md", "hello.txt");

    Path second = dir.resolve("second");
    bms.restores().restore(latest(job).paths("a/b").into(second).build());
    assertThat(tree(second)).containsOnlyKeys("a/b/big.bin", "a/b/note.md");

    assertThatThrownBy(() -> bms.restores().restore(latest(job).paths("nothing/*.x").into(dest).build()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("selection");
    assertThatThrownBy(() -> bms.restores().restore(latest(job).paths("a/[b").into(dest).build()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("a/[b");
  }

  @Test
  void restoresFromAVendorStyleTargetThroughTheSpiIntoASink() throws Exception {
    JobId job = memoryJob("vendor");
    bms.executions().runNow(job);
    Map<String, byte[]> received = new ConcurrentHashMap<>();
    RestoreSink sink = new CollectingSink(received);

    RestoreExecution done = bms.restores().restore(latest(job).paths("a/**").into(RestoreDestination.sink(sink)).build());

    assertThat(done.status()).isEqualTo(RestoreStatus.SUCCEEDED);
    assertThat(done.destination()).isEqualTo("sink memory");
    assertThat(done.copies()).singleElement().satisfies(c -> assertThat(c.targetType()).isEqualTo("memory"));
    assertThat(received).containsOnlyKeys("a/empty.bin", "a/b/big.bin", "a/b/note.md");
    assertThat(received.get("a/b/big.bin")).isEqualTo(Files.readAllBytes(source.resolve("a/b/big.bin")));

    RestoreExecution whole = bms.restores().restore(latest(job).into(dest).build());
    assertThat(whole.status()).isEqualTo(RestoreStatus.SUCCEEDED);
    assertThat(tree(dest)).isEqualTo(tree(source));
  }

  @Test
  void aFileCorruptedOnTheFirstCopyIsRestoredFromTheSecondAndTheRecordSaysSo() throws Exception {
    JobId job = fsJob();
    Execution run = bms.executions().runNow(job);
    corrupt(dataFile(run, "primary", "hello.txt"));

    RestoreExecution done = bms.restores().restore(latest(job).into(dest).build());

    assertThat(done.status()).isEqualTo(RestoreStatus.SUCCEEDED);
    assertThat(tree(dest)).isEqualTo(tree(source));
    assertThat(done.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("hello.txt");
      assertThat(p.copyName()).contains("primary");
      assertThat(p.kind()).isEqualTo(RestoreProblem.Kind.CHECKSUM_MISMATCH);
      assertThat(p.recovered()).isTrue();
      assertThat(p.detail()).contains("restored from copy 'secondary'");
    });
    assertThat(done.copy("secondary").orElseThrow().files()).isEqualTo(1);
    assertThat(done.copy("primary").orElseThrow().files()).isEqualTo(3);
    assertThat(bms.restores().get(done.id()).orElseThrow().problems()).isEqualTo(done.problems());
  }

  @Test
  void aFileCorruptedOnEveryCopyFailsTheRestoreNamingItWithNothingUnderItsFinalName() throws Exception {
    JobId job = fsJob();
    Execution run = bms.executions().runNow(job);
    corrupt(dataFile(run, "primary", "a/b/big.bin"));
    corrupt(dataFile(run, "secondary", "a/b/big.bin"));

    RestoreExecution done = bms.restores().restore(latest(job).into(dest).build());

    assertThat(done.status()).isEqualTo(RestoreStatus.FAILED);
    assertThat(done.filesFailed()).isEqualTo(1);
    assertThat(done.filesRestored()).isEqualTo(3);
    assertThat(done.unrecovered()).extracting(RestoreProblem::path, RestoreProblem::kind)
        .contains(org.assertj.core.groups.Tuple.tuple("a/b/big.bin", RestoreProblem.Kind.NO_GOOD_COPY));
    assertThat(done.error()).hasValueSatisfying(e -> assertThat(e).contains("1 of 4 files"));
    assertThat(dest.resolve("a/b/big.bin")).doesNotExist();
    try (Stream<Path> all = Files.walk(dest)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("bms-restore"));
    }
    await().untilAsserted(() -> assertThat(bms.alerts().open()).extracting(Alert::rule).contains("restore-failed"));
  }

  @Test
  void conflictPolicies() throws Exception {
    JobId job = fsJob();
    bms.executions().runNow(job);
    Files.createDirectories(dest);
    Files.writeString(dest.resolve("hello.txt"), "local edit");
    RestoreRequest.Builder hello = latest(job).paths("hello.txt").into(dest);

    RestoreExecution fail = bms.restores().restore(hello.onConflict(ConflictPolicy.FAIL).build());
    assertThat(fail.status()).isEqualTo(RestoreStatus.FAILED);
    assertThat(fail.problems()).extracting(RestoreProblem::kind).containsExactly(RestoreProblem.Kind.CONFLICT);
    assertThat(Files.readString(dest.resolve("hello.txt"))).isEqualTo("local edit");

    RestoreExecution skip = bms.restores().restore(hello.onConflict(ConflictPolicy.SKIP).build());
    assertThat(skip.status()).isEqualTo(RestoreStatus.SUCCEEDED);
    assertThat(skip.filesSkipped()).isEqualTo(1);
    assertThat(Files.readString(dest.resolve("hello.txt"))).isEqualTo("local edit");

    RestoreExecution both = bms.restores().restore(hello.onConflict(ConflictPolicy.KEEP_BOTH).build());
    assertThat(both.status()).isEqualTo(RestoreStatus.SUCCEEDED);
    assertThat(Files.readString(dest.resolve("hello.txt"))).isEqualTo("local edit");
    assertThat(Files.readString(dest.resolve("hello.restored-1.txt"))).isEqualTo("hello bms\n");

    RestoreExecution over = bms.restores().restore(hello.onConflict(ConflictPolicy.OVERWRITE).build());
    assertThat(over.status()).isEqualTo(RestoreStatus.SUCCEEDED);
    assertThat(Files.readString(dest.resolve("hello.txt"))).isEqualTo("hello bms\n");
  }

  @Test
  void asOfRestoresTheNewestRestorePointAtOrBeforeTheInstant() throws Exception {
    JobId job = fsJob();
    Execution first = bms.executions().runNow(job);
    clock.advance(Duration.ofHours(1));
    Files.writeString(source.resolve("hello.txt"), "changed\n");
    Execution second = bms.executions().runNow(job);

    RestoreExecution old = bms.restores().restore(RestoreRequest.from(RestorePointRef.asOf(job, first.createdAt().plusSeconds(60)))
        .paths("hello.txt").into(dest).build());
    assertThat(old.restorePoint()).isEqualTo(first.id());
    assertThat(Files.readString(dest.resolve("hello.txt"))).isEqualTo("hello bms\n");

    RestoreExecution now = bms.restores().restore(latest(job).paths("hello.txt").into(dir.resolve("now")).build());
    assertThat(now.restorePoint()).isEqualTo(second.id());
    assertThat(Files.readString(dir.resolve("now/hello.txt"))).isEqualTo("changed\n");

    assertThatThrownBy(() -> bms.restores().plan(RestoreRequest.from(RestorePointRef.asOf(job, first.createdAt().minusSeconds(1)))
        .into(dest).build())).isInstanceOf(NotFoundException.class).hasMessageContaining("at or before");
  }

  @Test
  void aDryRunSaysWhatFromWhichCopyAndHowManyBytesAndWritesNothing() throws Exception {
    JobId job = fsJob();
    Execution run = bms.executions().runNow(job);
    Files.createDirectories(dest);
    Files.writeString(dest.resolve("hello.txt"), "local edit");

    RestorePlan plan = bms.restores().plan(latest(job).onConflict(ConflictPolicy.SKIP).into(dest).build());

    assertThat(plan.restorePoint()).isEqualTo(run.id());
    assertThat(plan.copyOrder()).containsExactly("primary", "secondary");
    assertThat(plan.files()).extracting(PlannedFile::path, PlannedFile::action).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a/b/big.bin", PlannedFile.Action.WRITE),
        org.assertj.core.groups.Tuple.tuple("a/b/note.md", PlannedFile.Action.WRITE),
        org.assertj.core.groups.Tuple.tuple("a/empty.bin", PlannedFile.Action.WRITE),
        org.assertj.core.groups.Tuple.tuple("hello.txt", PlannedFile.Action.SKIP));
    assertThat(plan.bytesToWrite()).isEqualTo(run.bytes() - "hello bms\n".length());
    assertThat(plan.bytesByCopy()).containsOnlyKeys("primary");
    assertThat(tree(dest)).containsOnlyKeys("hello.txt");
    assertThat(bms.restores().list(java.util.Optional.empty(), dev.bms.api.model.PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void cancelStopsARunningRestoreWithNothingHalfWritten() throws Exception {
    JobId job = memoryJob("gated");
    bms.executions().runNow(job);
    MemoryTargetPlugin.Gate gate = new MemoryTargetPlugin.Gate();
    MemoryTargetPlugin.GATES.put("gated", gate);

    RestoreId id = bms.restores().start(latest(job).into(dest).build());
    assertThat(gate.reading.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(bms.restores().progress(id)).hasValueSatisfying(p -> {
      assertThat(p.status()).isEqualTo(RestoreStatus.RUNNING);
      assertThat(p.filesTotal()).isEqualTo(4);
      assertThat(p.currentPath()).contains("a/b/big.bin");
    });
    assertThat(bms.restores().cancel(id)).isTrue();
    gate.open.countDown();

    RestoreExecution done = bms.restores().await(id, Duration.ofSeconds(10)).orElseThrow();
    assertThat(done.status()).isEqualTo(RestoreStatus.CANCELLED);
    assertThat(dest.resolve("a/b/big.bin")).doesNotExist();
    try (Stream<Path> all = Files.walk(dest)) {
      assertThat(all.filter(Files::isRegularFile)).isEmpty();
    }
    assertThat(bms.restores().get(id).orElseThrow().status()).isEqualTo(RestoreStatus.CANCELLED);
  }

  @Test
  void aRestoreThatOutlivesItsTimeoutEndsTimedOut() throws Exception {
    JobId job = memoryJob("slow");
    bms.executions().runNow(job);
    MemoryTargetPlugin.Gate gate = new MemoryTargetPlugin.Gate();
    MemoryTargetPlugin.GATES.put("slow", gate);

    RestoreId id = bms.restores().start(latest(job).timeout(Duration.ofMinutes(5)).into(dest).build());
    assertThat(gate.reading.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    clock.advance(Duration.ofMinutes(6));
    gate.open.countDown();

    RestoreExecution done = bms.restores().await(id, Duration.ofSeconds(10)).orElseThrow();
    assertThat(done.status()).isEqualTo(RestoreStatus.TIMED_OUT);
    assertThat(done.error()).hasValueSatisfying(e -> assertThat(e).contains("timed out"));
    assertThat(dest.resolve("a/b/big.bin")).doesNotExist();
  }

  @Test
  void aSymlinkInTheDestinationPointingOutsideIsNotFollowed() throws Exception {
    JobId job = fsJob();
    bms.executions().runNow(job);
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createDirectories(dest);
    Files.createSymbolicLink(dest.resolve("a"), outside);

    RestorePlan plan = bms.restores().plan(latest(job).into(dest).build());
    assertThat(plan.files()).filteredOn(f -> f.path().startsWith("a/"))
        .allSatisfy(f -> assertThat(f.action()).isEqualTo(PlannedFile.Action.REFUSE));

    RestoreExecution done = bms.restores().restore(latest(job).into(dest).build());

    assertThat(done.status()).isEqualTo(RestoreStatus.FAILED);
    assertThat(done.unrecovered()).extracting(RestoreProblem::kind).containsOnly(RestoreProblem.Kind.SYMLINK);
    assertThat(done.filesFailed()).isEqualTo(3);
    try (Stream<Path> leaked = Files.walk(outside)) {
      assertThat(leaked.filter(p -> !p.equals(outside))).isEmpty();
    }
    assertThat(Files.readString(dest.resolve("hello.txt"))).isEqualTo("hello bms\n");
    assertThat(Files.isSymbolicLink(dest.resolve("a"))).isTrue();
  }

  @Test
  void aSymlinkAtTheFinalNameIsReplacedNotWrittenThrough() throws Exception {
    JobId job = fsJob();
    bms.executions().runNow(job);
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    Files.createDirectories(dest);
    Files.createSymbolicLink(dest.resolve("hello.txt"), victim);

    RestoreExecution done = bms.restores().restore(latest(job).paths("hello.txt").onConflict(ConflictPolicy.OVERWRITE)
        .into(dest).build());

    assertThat(done.status()).isEqualTo(RestoreStatus.SUCCEEDED);
    assertThat(Files.readString(victim)).isEqualTo("keep me");
    assertThat(Files.isSymbolicLink(dest.resolve("hello.txt"))).isFalse();
    assertThat(Files.readString(dest.resolve("hello.txt"), StandardCharsets.UTF_8)).isEqualTo("hello bms\n");
  }

  @Test
  void aManifestPathTryingToEscapeRefusesTheRestoreBeforeWritingAnything() throws Exception {
    JobId job = fsJob();
    Execution run = bms.executions().runNow(job);
    // the pipeline refuses such paths when it writes; a tampered or foreign catalog row is what remains
    ExecutionId hostile = new ExecutionId(java.util.UUID.randomUUID());
    storage.executions().insert(new Execution(hostile, job, run.mode(), run.trigger(), ExecutionStatus.RUNNING,
        java.util.Optional.empty(), clock.instant(), java.util.Optional.of(clock.instant()), java.util.Optional.empty(),
        java.util.Optional.empty(), 0, 0, 0, 1, java.util.Optional.empty(), 1, java.util.Optional.empty(), List.of()));
    Manifest manifest = new Manifest(List.of(new ManifestEntry("hello.txt", 10, "1".repeat(64)),
        new ManifestEntry("../../escaped.txt", 4, "0".repeat(64))));
    assertThat(storage.executions().finish(hostile, 1, new ExecutionOutcome(ExecutionStatus.SUCCEEDED, clock.instant(),
        14, 2, java.util.Optional.empty(), run.copies(), java.util.Optional.of(manifest)))).isTrue();

    RestoreExecution done = bms.restores().restore(RestoreRequest.from(RestorePointRef.execution(hostile))
        .into(dest).build());

    assertThat(done.status()).isEqualTo(RestoreStatus.FAILED);
    assertThat(done.problems()).extracting(RestoreProblem::path, RestoreProblem::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("../../escaped.txt", RestoreProblem.Kind.PATH_ESCAPE));
    assertThat(done.filesRestored()).isZero();
    assertThat(dir.resolve("escaped.txt")).doesNotExist();
    assertThat(tree(dest)).isEmpty();
  }

  /** A sink that collects restored files in memory; content becomes visible on commit only. */
  static final class CollectingSink implements RestoreSink {
    private final Map<String, byte[]> files;

    CollectingSink(Map<String, byte[]> files) {
      this.files = files;
    }

    @Override
    public String describe() {
      return "memory";
    }

    @Override
    public boolean exists(String path) {
      return files.containsKey(path);
    }

    @Override
    public PendingFile open(ManifestEntry entry, String path) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      return new PendingFile() {
        @Override
        public OutputStream content() {
          return buffer;
        }

        @Override
        public void commit(boolean replace) throws IOException {
          if (!replace && files.containsKey(path)) {
            throw new java.nio.file.FileAlreadyExistsException(path);
          }
          files.put(path, buffer.toByteArray());
        }

        @Override
        public void discard() {
        }
      };
    }
  }
}
