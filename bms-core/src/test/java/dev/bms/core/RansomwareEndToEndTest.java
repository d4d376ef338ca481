package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.Finding;
import dev.bms.api.alert.FindingKind;
import dev.bms.api.event.AnomaliesFoundEvent;
import dev.bms.api.model.Alert;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RetentionDecision;
import dev.bms.api.model.RetentionDeletion;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.api.model.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's "done when": managed runs over a real tree on the filesystem target; then 60 % of the
 * files are replaced by random bytes under a new extension, and the next run raises a critical
 * ransomware alert and pauses retention for the job, so the clean restore points stay.
 */
class RansomwareEndToEndTest {
  static final int FILES = 200;
  static final String[] WORDS = {"invoice", "payroll", "the", "customer", "of", "2026", "total", "EUR", "and",
      "quarter", "report", "Berlin", "net", "gross", "tax"};

  @TempDir
  Path dir;
  BackupManager bms;
  Path source;
  final Random random = new Random(19);
  final List<AnomaliesFoundEvent> found = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    bms = TestBms.started(dir, new SimpleMeterRegistry());
    bms.subscribe(e -> {
      if (e instanceof AnomaliesFoundEvent a) {
        found.add(a);
      }
    });
    source = dir.resolve("src");
    for (int i = 0; i < FILES; i++) {
      write(source.resolve("dept" + i % 7 + "/doc" + i + (i % 3 == 0 ? ".txt" : ".csv")));
    }
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  private void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder sb = new StringBuilder();
    int size = 8_000 + random.nextInt(32_000);
    while (sb.length() < size) {
      sb.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(12) == 0 ? ";\n" : " ");
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.walk(source)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** An ordinary day: a few documents edited, one added. */
  private void ordinaryChurn(int day) throws IOException {
    List<Path> all = files();
    for (int k = 0; k < 3; k++) {
      write(all.get(random.nextInt(all.size())));
    }
    write(source.resolve("dept" + day % 7 + "/new-" + day + ".txt"));
  }

  /** Ransomware: 60 % of the files replaced by random bytes of their size, named with ".locked" appended. */
  private int encryptSixtyPercent() throws IOException {
    List<Path> all = new ArrayList<>(files());
    java.util.Collections.shuffle(all, random);
    int victims = (int) Math.round(all.size() * 0.6);
    for (Path f : all.subList(0, victims)) {
      byte[] garbage = new byte[(int) Files.size(f)];
      random.nextBytes(garbage);
      Files.write(f.resolveSibling(f.getFileName() + ".locked"), garbage);
      Files.delete(f);
    }
    return victims;
  }

  @Test
  void encryptedFilesRaiseACriticalRansomwareAlertAndPauseRetention() throws IOException {
    JobId id = bms.jobs().create(BackupJob.builder("file-server")
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("nas"))).named("nas"))
        .retention(RetentionPolicy.keepLast(2))
        .build());
    for (int day = 0; day < 6; day++) {
      Execution clean = bms.executions().runNow(id);
      assertThat(clean.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      ordinaryChurn(day);
    }
    assertThat(found).as("ordinary runs find nothing").isEmpty();
    assertThat(anomalyAlerts()).isEmpty();
    long deletedBefore = deleted(id);
    assertThat(deletedBefore).as("keep-last-2 deleted the older clean points").isEqualTo(4);

    int victims = encryptSixtyPercent();
    Execution attacked = bms.executions().runNow(id);

    assertThat(attacked.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).execution().id()).isEqualTo(attacked.id());
    assertThat(found.get(0).findings()).extracting(Finding::kind).contains(FindingKind.ENCRYPTED_CONTENT,
        FindingKind.MASS_CHANGE, FindingKind.UNUSUAL_EXTENSIONS);
    List<Alert> open = anomalyAlerts();
    assertThat(open).extracting(Alert::rule).containsExactly(AlertRule.RANSOMWARE_SUSPECTED.id());
    Alert alert = open.get(0);
    assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(alert.jobId()).contains(id);
    assertThat(alert.title()).isEqualTo("Ransomware suspected in file-server");
    // a victim created after the previous restore point has no earlier name to have gained an extension on
    assertThat(alert.detail()).contains("looks encrypted", attacked.id().toString())
        .containsPattern("\\n- (" + victims + "|" + (victims - 1) + ") files \\(60 %\\) were renamed to extensions this job never had");
    assertThat(alert.labels()).containsEntry("bms.execution", attacked.id().toString());

    // retention ran after the attacked run and deleted nothing: the two clean points are still there
    assertThat(deleted(id)).isEqualTo(deletedBefore);
    List<RetentionDecision> paused = bms.retention().preview(id).decisions().stream()
        .filter(d -> d.reason().contains("retention is paused while ransomware alert " + alert.id() + " is open"))
        .toList();
    assertThat(paused).hasSize(1).allMatch(d -> d.verdict() == RetentionDecision.Verdict.PROTECTED);

    // the encrypted data backed up again looks unchanged: the alert stays, retention stays paused
    Execution after = bms.executions().runNow(id);
    assertThat(after.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(anomalyAlerts()).extracting(Alert::id).containsExactly(alert.id());
    assertThat(bms.retention().apply(id)).isEmpty();
    assertThat(deleted(id)).isEqualTo(deletedBefore);
    assertThat(bms.retention().preview(id).decisions()).filteredOn(d -> d.verdict() == RetentionDecision.Verdict.PROTECTED
        && d.reason().contains("paused")).hasSize(2);
  }

  /** Open alerts of the anomaly rules (the single-copy job's compliance alerts come and go beside them). */
  private List<Alert> anomalyAlerts() {
    java.util.Set<String> rules = java.util.Arrays.stream(FindingKind.values()).map(k -> k.rule().id())
        .collect(java.util.stream.Collectors.toSet());
    return bms.alerts().open().stream().filter(a -> rules.contains(a.rule())).toList();
  }

  private long deleted(JobId id) {
    return bms.retention().deletions(id, 1000).stream()
        .filter(d -> d.outcome() == RetentionDeletion.Outcome.DELETED).count();
  }
}
