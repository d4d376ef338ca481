package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.BackupManager;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.ExecutionFinishedEvent;
import dev.bms.api.event.ExecutionStartedEvent;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationLevel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedExecutionTest {
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

  private JobId twoCopyJob(String name) {
    return bms.jobs().create(BackupJob.builder(name)
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("primary"))).named("primary"))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("secondary"))).named("secondary"))
        .build());
  }

  @Test
  void runNowWritesEveryCopyWithTheSameManifest() throws Exception {
    List<BmsEvent> events = new ArrayList<>();
    bms.subscribe(events::add);
    JobId id = twoCopyJob("two-copies");

    Execution run = bms.executions().runNow(id);

    Manifest expected = manifestOf(source);
    assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.mode()).isEqualTo(ExecutionMode.MANAGED);
    assertThat(run.files()).isEqualTo(4);
    assertThat(run.bytes()).isEqualTo(expected.totalBytes());
    assertThat(run.copies()).extracting(CopyResult::copyName).containsExactly("primary", "secondary");
    for (CopyResult copy : run.copies()) {
      assertThat(copy.status()).isEqualTo(CopyStatus.SUCCEEDED);
      assertThat(copy.bytes()).isEqualTo(expected.totalBytes());
      assertThat(copy.files()).isEqualTo(4);
      assertThat(copy.manifestDigest()).contains(expected.digest());
      assertThat(copy.location()).isPresent();
    }
    assertThat(bms.executions().get(run.id())).contains(run);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOf(ExecutionStartedEvent.class);
    assertThat(events.get(1)).isInstanceOfSatisfying(ExecutionFinishedEvent.class,
        e -> assertThat(e.execution()).isEqualTo(run));
    // no job tag by default (JobMetricTags.none()): the scrape does not grow with the number of jobs
    assertThat(registry.get("bms.executions").tag("status", "SUCCEEDED").counter().count()).isEqualTo(1);
    assertThat(registry.get("bms.executions").counter().getId().getTag("job")).isNull();
    assertThat(registry.get("bms.backup.bytes").counters()).extracting(c -> c.getId().getTag("job")).containsOnlyNulls();
    assertThat(registry.get("bms.backup.bytes").counters().stream().mapToDouble(c -> c.count()).sum())
        .isEqualTo(2.0 * expected.totalBytes());
  }

  @Test
  void oneFailedCopyMakesThePartialExecutionAndTheOthersAreRecorded() {
    JobId id = bms.jobs().create(BackupJob.builder("partial")
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("ok"))).named("good"))
        .copy(CopySpec.target("failing", Map.of("failAfterBytes", "1000")).named("broken"))
        .build());

    Execution run = bms.executions().runNow(id);

    assertThat(run.status()).isEqualTo(ExecutionStatus.PARTIAL);
    assertThat(run.error()).contains("1 of 2 copies failed");
    CopyResult good = run.copy("good").orElseThrow();
    CopyResult broken = run.copy("broken").orElseThrow();
    assertThat(good.status()).isEqualTo(CopyStatus.SUCCEEDED);
    assertThat(good.files()).isEqualTo(4);
    assertThat(broken.status()).isEqualTo(CopyStatus.FAILED);
    assertThat(broken.error()).hasValueSatisfying(e -> assertThat(e).contains("disk full"));
    assertThat(bms.executions().get(run.id()).orElseThrow().copies()).containsExactly(good, broken);
  }

  @Test
  void everyCopyFailingFailsTheExecution() {
    JobId id = bms.jobs().create(BackupJob.builder("all-fail")
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("failing", Map.of()).named("broken"))
        .build());
    Execution run = bms.executions().runNow(id);
    assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run.copies()).allSatisfy(c -> assertThat(c.status()).isEqualTo(CopyStatus.FAILED));
  }

  @Test
  void unreadableSourceFailsTheExecutionAndLeavesNoCopy() throws Exception {
    JobId id = twoCopyJob("vanishing");
    // the directory existed when the job was created, not any more
    try (Stream<Path> walk = Files.walk(source)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Execution run = bms.executions().runNow(id);
    assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run.error()).hasValueSatisfying(e -> assertThat(e).contains("source 'directory' failed"));
    assertThat(run.copies()).allSatisfy(c -> assertThat(c.status()).isEqualTo(CopyStatus.FAILED));
  }

  @Test
  void runningTwiceKeepsTwoExecutionsNewestFirst() {
    JobId id = twoCopyJob("twice");
    Execution first = bms.executions().runNow(id);
    Execution second = bms.executions().runNow(id);
    assertThat(bms.executions().list(ExecutionFilter.forJob(id), PageRequest.first(10)).items())
        .extracting(Execution::id)
        .containsExactly(second.id(), first.id());
  }

  @Test
  void aFlippedByteIsNamedByChecksumAndRestoreTestVerification() throws Exception {
    JobId id = twoCopyJob("verify-me");
    Execution run = bms.executions().runNow(id);

    Verification clean = bms.verifications().verify(run.id(), VerificationLevel.CHECKSUM);
    assertThat(clean.passed()).isTrue();
    assertThat(clean.copies()).hasSize(2);
    assertThat(clean.copies()).allSatisfy(c -> assertThat(c.report().filesChecked()).isEqualTo(4));

    Path location = Path.of(run.copy("secondary").orElseThrow().location().orElseThrow());
    Path stored;
    try (Stream<Path> files = Files.walk(location)) {
      stored = files.filter(p -> p.getFileName().toString().equals("big.bin")).findFirst().orElseThrow();
    }
    stored.toFile().setWritable(true);
    byte[] bytes = Files.readAllBytes(stored);
    bytes[1234] ^= 0x01;
    Files.write(stored, bytes);

    for (VerificationLevel level : VerificationLevel.values()) {
      Verification check = bms.verifications().verify(run.id(), level);
      assertThat(check.passed()).as(level.name()).isFalse();
      assertThat(check.copies()).filteredOn(c -> c.copyName().equals("primary"))
          .allSatisfy(c -> assertThat(c.passed()).isTrue());
      assertThat(check.copies()).filteredOn(c -> c.copyName().equals("secondary")).singleElement()
          .satisfies(c -> assertThat(c.report().problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("a/b/big.bin");
            assertThat(p.kind()).isEqualTo(IntegrityProblem.Kind.CHECKSUM_MISMATCH);
          }));
    }
  }

  @Test
  void externalJobsCannotRunNow() {
    JobId id = bms.jobs().create(BackupJob.builder("external")
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("x"))))
        .build());
    assertThatThrownBy(() -> bms.executions().runNow(id))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("begin");
  }

  static Manifest manifestOf(Path root) throws IOException {
    List<ManifestEntry> entries = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        try (InputStream in = Files.newInputStream(p)) {
          MessageDigest md = MessageDigest.getInstance("SHA-256");
          byte[] all = in.readAllBytes();
          entries.add(new ManifestEntry(root.relativize(p).toString().replace('\\', '/'), all.length,
              HexFormat.of().formatHex(md.digest(all))));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return new Manifest(entries);
  }
}
