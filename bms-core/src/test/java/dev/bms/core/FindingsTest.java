package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.AccessDeniedException;
import dev.bms.api.Actor;
import dev.bms.api.ApprovalRequiredException;
import dev.bms.api.BackupManager;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.NotFoundException;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.FindingAlert;
import dev.bms.api.alert.FindingKind;
import dev.bms.api.approval.FourEyesPolicy;
import dev.bms.api.approval.GuardedAction;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.RetentionDeletion;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.api.alert.AnomalyPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading findings through {@code alerts().findings} and clearing a ransomware signal with
 * {@code alerts().resolve}: a real managed job over a tree that ransomware encrypts (as in
 * {@link RansomwareEndToEndTest}), four-eyes approval on. Resolving the ransomware alert is held until
 * an admin approves it; then the alert is resolved, audited, and retention deletes again. Turning the
 * pause off with the job label is held as well.
 */
class FindingsTest {
  static final Actor OTTO = Actor.person("u-otto", "Otto Operator", "operator");
  static final Actor ALICE = Actor.person("u-alice", "Alice Admin", "admin");
  static final Actor BOB = Actor.person("u-bob", "Bob Admin", "admin");
  static final Actor VERA = Actor.person("u-vera", "Vera Viewer", "viewer");

  @TempDir
  Path dir;
  BackupManager bms;
  Path source;
  final Random random = new Random(19);

  @AfterEach
  void stop() {
    if (bms != null) {
      bms.close();
    }
  }

  private void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder sb = new StringBuilder();
    int size = 8_000 + random.nextInt(32_000);
    while (sb.length() < size) {
      sb.append(RansomwareEndToEndTest.WORDS[random.nextInt(RansomwareEndToEndTest.WORDS.length)])
          .append(random.nextInt(12) == 0 ? ";\n" : " ");
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.walk(source)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Six clean runs with ordinary churn, then 60 % of the files encrypted under ".locked", then one run. */
  private Execution attacked(JobId id) throws IOException {
    for (int day = 0; day < 6; day++) {
      assertThat(bms.executions().runNow(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      List<Path> all = files();
      for (int k = 0; k < 3; k++) {
        write(all.get(random.nextInt(all.size())));
      }
      write(source.resolve("dept" + day % 7 + "/new-" + day + ".txt"));
    }
    List<Path> all = new ArrayList<>(files());
    java.util.Collections.shuffle(all, random);
    for (Path f : all.subList(0, (int) Math.round(all.size() * 0.6))) {
      byte[] garbage = new byte[(int) Files.size(f)];
      random.nextBytes(garbage);
      Files.write(f.resolveSibling(f.getFileName() + ".locked"), garbage);
      Files.delete(f);
    }
    Execution run = bms.executions().runNow(id);
    assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    return run;
  }

  private JobId startWithJob() throws IOException {
    bms = TestBms.builder(dir, new SimpleMeterRegistry()).scheduler(false)
        .fourEyes(FourEyesPolicy.defaults()).build();
    bms.start();
    source = dir.resolve("src");
    for (int i = 0; i < RansomwareEndToEndTest.FILES; i++) {
      write(source.resolve("dept" + i % 7 + "/doc" + i + (i % 3 == 0 ? ".txt" : ".csv")));
    }
    return bms.jobs().create(BackupJob.builder("file-server")
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("nas"))).named("nas"))
        .retention(RetentionPolicy.keepLast(2))
        .build());
  }

  @Test
  void findingsAreReadBackFromTheirAlertsAndResolvingRansomwareNeedsASecondActor() throws IOException {
    JobId id = startWithJob();
    assertThat(bms.alerts().findings(AlertFilter.all(), PageRequest.first(10)).items()).isEmpty();
    Execution attacked = attacked(id);

    // one job's findings, and the open ones across jobs: the ransomware alert, read back as its finding
    List<FindingAlert> ofJob = bms.as(VERA).alerts().findings(AlertFilter.forJob(id), PageRequest.first(10)).items();
    assertThat(ofJob).singleElement().satisfies(f -> {
      assertThat(f.finding().kind()).isEqualTo(FindingKind.ENCRYPTED_CONTENT);
      assertThat(f.finding().jobId()).isEqualTo(id);
      assertThat(f.executionId()).isEqualTo(attacked.id());
      assertThat(f.finding().score()).isGreaterThan(15);
      assertThat(f.finding().explanation()).contains("looks encrypted", "extensions this job never had")
          .doesNotContain("Execution ", "last known clean");
      assertThat(f.ransomware()).isTrue();
      assertThat(f.state()).isEqualTo(AlertState.FIRING);
      assertThat(f.severity()).isEqualTo(dev.bms.api.model.Severity.CRITICAL);
    });
    Alert alert = ofJob.get(0).alert();
    assertThat(bms.alerts().findings(AlertFilter.open(), PageRequest.first(10)).items())
        .extracting(f -> f.alert().id()).containsExactly(alert.id());
    // filters narrow the finding rules; a rule that reports no finding lists nothing
    assertThat(bms.alerts().findings(AlertFilter.open().withRule("size-anomaly"), PageRequest.first(10)).items())
        .isEmpty();
    assertThat(bms.alerts().findings(AlertFilter.all().withRule(AlertRule.EXECUTION_FAILED.id()),
        PageRequest.first(10)).items()).isEmpty();
    assertThat(bms.alerts().groups(AlertFilter.open().withRules(FindingKind.ruleIds())))
        .extracting(g -> g.rule()).containsExactly(AlertRule.RANSOMWARE_SUSPECTED.id());
    // keyset paging like every list
    Page<FindingAlert> first = bms.alerts().findings(AlertFilter.all(), PageRequest.first(1));
    assertThat(first.items()).hasSize(1);
    assertThat(first.nextCursor()).isEmpty();

    // a viewer may read but not resolve; blank reasons and unknown alerts are refused
    assertThatThrownBy(() -> bms.as(VERA).alerts().resolve(alert.id(), "vera", "fine"))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> bms.as(OTTO).alerts().resolve(alert.id(), "otto", " "))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("reason");
    assertThatThrownBy(() -> bms.as(OTTO).alerts().resolve(new AlertId(UUID.randomUUID()), "otto", "gone"))
        .isInstanceOf(NotFoundException.class);

    // the operator's resolution is held: the alert stays open, retention stays paused
    long deletedBefore = deleted(id);
    ApprovalRequiredException held = FourEyesTest.heldCall(() -> bms.as(OTTO).alerts().resolve(alert.id(), "otto",
        "restored the share from the restore point before the attack; the infected host is rebuilt"));
    assertThat(held.action()).isEqualTo(GuardedAction.CLEAR_RANSOMWARE_SIGNAL);
    assertThat(bms.approvals().get(held.requestId()).orElseThrow().summary())
        .contains("ransomware alert " + alert.id(), "file-server", "retention pause");
    assertThat(bms.alerts().get(alert.id()).orElseThrow().state()).isEqualTo(AlertState.FIRING);
    assertThat(bms.retention().apply(id)).isEmpty();
    assertThat(deleted(id)).isEqualTo(deletedBefore);

    // turning the pause off with the job label is held too
    Job job = bms.jobs().require(id);
    Map<String, String> labels = new HashMap<>(job.definition().labels());
    labels.put(AnomalyPolicy.PAUSE_RETENTION_LABEL, "false");
    ApprovalRequiredException labelHeld = FourEyesTest.heldCall(() -> bms.as(ALICE).jobs().update(id, job.version(),
        job.definition().toBuilder().labels(labels).build()));
    assertThat(labelHeld.action()).isEqualTo(GuardedAction.DISABLE_RANSOMWARE_PAUSE);
    assertThat(bms.jobs().require(id).definition().labels()).doesNotContainKey(AnomalyPolicy.PAUSE_RETENTION_LABEL);

    // the requester may not approve; an admin may
    assertThatThrownBy(() -> bms.as(OTTO).approvals().approve(held.requestId(), ""))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(bms.as(BOB).approvals().approve(held.requestId(), "checked the restore").outcome())
        .contains(AuditOutcome.SUCCEEDED);

    Alert resolved = bms.alerts().get(alert.id()).orElseThrow();
    assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
    assertThat(bms.alerts().history(alert.id())).filteredOn(h -> h.kind() == AlertHistoryEntry.Kind.RESOLVED)
        .singleElement().satisfies(h -> assertThat(h.detail()).startsWith("resolved by otto: restored the share"));
    assertThat(bms.alerts().findings(AlertFilter.forJob(id), PageRequest.first(10)).items())
        .extracting(FindingAlert::state).containsExactly(AlertState.RESOLVED);
    assertThat(bms.alerts().findings(AlertFilter.open(), PageRequest.first(10)).items()).isEmpty();
    AuditRecord record = bms.audit().search(AuditFilter.all().withOperation("alerts.resolve"), PageRequest.first(10))
        .items().stream().filter(r -> r.entry().outcome() == AuditOutcome.SUCCEEDED).findFirst().orElseThrow();
    assertThat(record.entry().actor()).isEqualTo(OTTO);
    assertThat(record.entry().detail()).contains("approved by person 'u-bob'");
    assertThat(record.entry().diff()).contains("RESOLVED");

    // the pause is lifted: retention deletes what keep-last-2 expired meanwhile
    assertThat(bms.retention().apply(id)).isNotEmpty();
    assertThat(deleted(id)).isGreaterThan(deletedBefore);
    // resolving it again changes nothing and is not held
    assertThat(bms.as(OTTO).alerts().resolve(alert.id(), "otto", "again").resolvedAt()).isEqualTo(resolved.resolvedAt());
  }

  @Test
  void onlyFindingAlertsAreResolvedByHandAndTheApplicationIsNotHeld() throws IOException {
    JobId id = startWithJob();
    // a reported run that fails raises execution-failed: it resolves when its condition clears, not by hand
    JobId reported = bms.jobs().create(BackupJob.builder("reported")
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("other")))).build());
    var run = bms.executions().begin(reported);
    bms.executions().fail(run.execution().id(), run.token(), "disk full");
    Alert failed = bms.alerts().open().stream().filter(a -> a.rule().equals(AlertRule.EXECUTION_FAILED.id()))
        .findFirst().orElseThrow();
    assertThatThrownBy(() -> bms.as(OTTO).alerts().resolve(failed.id(), "otto", "fixed the disk"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("execution-failed");
    assertThat(bms.alerts().findings(AlertFilter.all(), PageRequest.first(10)).items()).isEmpty();

    attacked(id);
    Alert alert = bms.alerts().findings(AlertFilter.open(), PageRequest.first(10)).items().get(0).alert();
    // calls made directly on the manager are the application's: never held
    assertThat(bms.alerts().resolve(alert.id(), "ops-script", "restored").state()).isEqualTo(AlertState.RESOLVED);
  }

  private long deleted(JobId id) {
    return bms.retention().deletions(id, 1000).stream()
        .filter(d -> d.outcome() == RetentionDeletion.Outcome.DELETED).count();
  }
}
