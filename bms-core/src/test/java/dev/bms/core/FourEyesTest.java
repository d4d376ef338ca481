package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.AccessDeniedException;
import dev.bms.api.Actor;
import dev.bms.api.ApprovalExpiredException;
import dev.bms.api.ApprovalRequiredException;
import dev.bms.api.BackupManager;
import dev.bms.api.ConflictException;
import dev.bms.api.SelfApprovalException;
import dev.bms.api.approval.ApprovalFilter;
import dev.bms.api.approval.ApprovalId;
import dev.bms.api.approval.ApprovalRequest;
import dev.bms.api.approval.ApprovalStatus;
import dev.bms.api.approval.FourEyesPolicy;
import dev.bms.api.approval.GuardedAction;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.api.model.Schedule;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.VerificationPolicy;
import dev.bms.storage.jdbc.JdbcStorage;
import dev.bms.testkit.time.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four-eyes approval end to end on a real manager and H2: a guarded call made through a view is held
 * (it does not run) as a pending request that another actor with the admin role approves, upon which
 * the call runs once, as the requester, the approver named in its audit record; the requester cannot
 * approve, a viewer or operator is denied, an expired request never runs, a rejected one neither; the
 * configured list is honoured, and with four-eyes off everything runs directly.
 */
class FourEyesTest {
  static final Actor ALICE = Actor.person("u-alice", "Alice Admin", "admin");
  static final Actor BOB = Actor.person("u-bob", "Bob Admin", "admin");
  static final Actor OTTO = Actor.person("u-otto", "Otto Operator", "operator");

  @TempDir
  Path dir;
  final MutableClock clock = new MutableClock(Instant.now());
  final List<BackupManager> managers = new ArrayList<>();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  BackupManager start(FourEyesPolicy policy) {
    BmsBuilder b = Bms.builder().storage(JdbcStorage.embedded(dir.resolve("db"))).meterRegistry(meters)
        .plugin(new LabPlugin()).scheduler(false).instanceId("four-eyes").clock(clock);
    if (policy != null) {
      b.fourEyes(policy);
    }
    BackupManager bms = b.build();
    bms.start();
    managers.add(bms);
    return bms;
  }

  @AfterEach
  void close() {
    managers.forEach(BackupManager::close);
  }

  static BackupJob job(String name) {
    return BackupJob.builder(name)
        .copy(CopySpec.target("lab", LabPlugin.lab("LOCAL_DISK", "dc", false, false, false, "none")).named("disk"))
        .retention(RetentionPolicy.gfs(7, 4, 12))
        .build();
  }

  static List<AuditRecord> records(BackupManager bms) {
    return bms.audit().search(AuditFilter.all(), PageRequest.first(100)).items();
  }

  static ApprovalId held(Runnable call) {
    return heldCall(call).requestId();
  }

  static ApprovalRequiredException heldCall(Runnable call) {
    try {
      call.run();
    } catch (ApprovalRequiredException e) {
      return e;
    }
    throw new AssertionError("the call ran instead of being held for approval");
  }

  @Test
  void aHeldDeleteRunsOnceWhenAnotherAdminApprovesItAsTheRequesterWithBothNamesInTheTrail() {
    BackupManager bms = start(FourEyesPolicy.defaults());
    JobId id = bms.jobs().create(job("payroll"));

    ApprovalRequiredException held = heldCall(() -> bms.as(ALICE).jobs().delete(id));
    assertThat(held.action()).isEqualTo(GuardedAction.DELETE_JOB);
    assertThat(held.operation()).isEqualTo("jobs.delete");
    assertThat(held.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)).truncatedTo(
        java.time.temporal.ChronoUnit.MICROS));
    assertThat(held.getMessage()).contains("payroll", held.requestId().toString());
    assertThat(bms.jobs().get(id)).as("a held call does not run").isPresent();

    ApprovalRequest pending = bms.as(BOB).approvals().get(held.requestId()).orElseThrow();
    assertThat(pending.status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(pending.requester()).isEqualTo(ALICE);
    assertThat(pending.resource().id()).isEqualTo(id.value().toString());
    assertThat(pending.arguments()).contains(id.value().toString());
    assertThat(bms.as(BOB).approvals().list(ApprovalFilter.pending(), PageRequest.first(10)).items())
        .extracting(ApprovalRequest::id).containsExactly(held.requestId());

    ApprovalRequest approved = bms.as(BOB).approvals().approve(held.requestId(), "checked with finance");
    assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approved.decidedBy()).contains(BOB);
    assertThat(approved.comment()).isEqualTo("checked with finance");
    assertThat(approved.outcome()).contains(AuditOutcome.SUCCEEDED);
    assertThat(bms.jobs().get(id)).as("approved: the delete ran").isEmpty();

    // approving again is refused and runs nothing
    assertThatThrownBy(() -> bms.as(BOB).approvals().approve(held.requestId(), ""))
        .isInstanceOf(ConflictException.class).hasMessageContaining("already APPROVED");

    List<AuditRecord> trail = records(bms);
    assertThat(trail).extracting(r -> r.entry().actor().id() + " " + r.entry().operation() + " "
            + r.entry().outcome())
        .containsExactly("u-bob approvals.approve REFUSED", "u-bob approvals.approve SUCCEEDED",
            "u-alice jobs.delete SUCCEEDED", "u-alice approvals.request SUCCEEDED", "application jobs.create SUCCEEDED");
    AuditRecord delete = trail.get(2);
    assertThat(delete.entry().resource().id()).isEqualTo(id.value().toString());
    assertThat(delete.entry().detail()).contains("approved by person 'u-bob' (Bob Admin) in request "
        + held.requestId());
    assertThat(delete.entry().diff()).contains("payroll");
    assertThat(trail.get(3).entry().resource().type()).isEqualTo("approval");
    assertThat(trail.get(3).entry().resource().id()).isEqualTo(held.requestId().toString());
    assertThat(trail.get(1).entry().diff()).contains("\"status\":{\"from\":\"PENDING\",\"to\":\"APPROVED\"}");
    assertThat(bms.audit().verify(Instant.EPOCH, clock.instant().plusSeconds(60)).intact()).isTrue();
    assertThat(meters.counter("bms.approvals", "event", "held").count()).isEqualTo(1);
    assertThat(meters.counter("bms.approvals", "event", "approved").count()).isEqualTo(1);
  }

  @Test
  void theRequesterCannotApproveAndAnActorWithoutTheRoleIsDenied() {
    BackupManager bms = start(FourEyesPolicy.defaults());
    JobId id = bms.jobs().create(job("payroll"));
    ApprovalId request = held(() -> bms.as(ALICE).jobs().delete(id));

    assertThatThrownBy(() -> bms.as(ALICE).approvals().approve(request, "me"))
        .isInstanceOf(SelfApprovalException.class).hasMessageContaining("u-alice");
    // an actor with the same id is the same actor, whatever roles or name it is given
    assertThatThrownBy(() -> bms.as(Actor.person("u-alice", "Alice Again", "admin", "auditor")).approvals()
        .approve(request, "")).isInstanceOf(SelfApprovalException.class);
    assertThatThrownBy(() -> bms.as(OTTO).approvals().approve(request, "me too"))
        .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
          assertThat(e.actorId()).isEqualTo("u-otto");
          assertThat(e.operation()).isEqualTo("approvals.approve");
        });
    assertThat(bms.jobs().get(id)).isPresent();
    assertThat(bms.approvals().get(request).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);

    assertThat(records(bms)).extracting(r -> r.entry().actor().id() + " " + r.entry().operation() + " "
            + r.entry().outcome())
        .startsWith("u-otto approvals.approve DENIED", "u-alice approvals.approve REFUSED",
            "u-alice approvals.approve REFUSED", "u-alice approvals.request SUCCEEDED");
  }

  @Test
  void anApproverTheAccessPolicyWouldNotLetMakeTheCallItselfIsDenied() {
    // a policy that lets "approver" approve but not delete jobs
    BmsBuilder b = Bms.builder().storage(JdbcStorage.embedded(dir.resolve("db"))).meterRegistry(new SimpleMeterRegistry())
        .plugin(new LabPlugin()).scheduler(false).clock(clock).fourEyes(FourEyesPolicy.defaults())
        .accessPolicy((actor, op, resource) -> actor.hasRole("approver") && op.equals("jobs.delete")
            ? java.util.Optional.of("approvers do not delete jobs") : java.util.Optional.empty());
    BackupManager bms = b.build();
    bms.start();
    managers.add(bms);
    JobId id = bms.jobs().create(job("payroll"));
    ApprovalId request = held(() -> bms.as(ALICE).jobs().delete(id));
    assertThatThrownBy(() -> bms.as(Actor.person("u-app", "Approver", "approver")).approvals().approve(request, ""))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("approvers do not delete jobs");
    assertThat(records(bms).get(0).entry().outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(bms.approvals().get(request).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
  }

  @Test
  void anExpiredRequestCannotRunAndEndsExpired() {
    BackupManager bms = start(FourEyesPolicy.defaults().withExpiry(Duration.ofHours(2)));
    JobId id = bms.jobs().create(job("payroll"));
    ApprovalId request = held(() -> bms.as(ALICE).jobs().delete(id));

    clock.advance(Duration.ofHours(2));
    assertThat(bms.approvals().get(request).orElseThrow().status()).as("read as expired, not written")
        .isEqualTo(ApprovalStatus.EXPIRED);
    assertThat(bms.approvals().list(ApprovalFilter.pending(), PageRequest.first(10)).items()).isEmpty();
    assertThat(bms.approvals().list(ApprovalFilter.all().withStatus(ApprovalStatus.EXPIRED), PageRequest.first(10))
        .items()).extracting(ApprovalRequest::id).containsExactly(request);

    assertThatThrownBy(() -> bms.as(BOB).approvals().approve(request, "too late"))
        .isInstanceOf(ApprovalExpiredException.class).hasMessageContaining("expired");
    assertThat(bms.jobs().get(id)).as("an expired request never runs").isPresent();
    ApprovalRequest stored = bms.approvals().get(request).orElseThrow();
    assertThat(stored.status()).isEqualTo(ApprovalStatus.EXPIRED);
    assertThat(stored.version()).as("stored as EXPIRED").isEqualTo(2);
    assertThat(stored.outcome()).isEmpty();
    assertThatThrownBy(() -> bms.as(BOB).approvals().reject(request, ""))
        .isInstanceOf(ConflictException.class).hasMessageContaining("already EXPIRED");
    assertThat(meters.counter("bms.approvals", "event", "expired").count()).isEqualTo(1);
  }

  @Test
  void thePeriodicSweepStoresExpiredRequestsAsExpiredAndLeavesAnApprovedOneThatRanOnce() {
    JdbcStorage storage = JdbcStorage.embedded(dir.resolve("sweep"));
    BackupManager bms = Bms.builder().storage(storage).meterRegistry(meters).plugin(new LabPlugin())
        .instanceId("sweeper").clock(clock).pollInterval(Duration.ofMillis(20))
        .fourEyes(FourEyesPolicy.defaults().withExpiry(Duration.ofHours(2))).build();
    bms.start();
    managers.add(bms);
    JobId kept = bms.jobs().create(job("kept"));
    JobId deleted = bms.jobs().create(job("deleted"));
    ApprovalId expiring = held(() -> bms.as(ALICE).jobs().delete(kept));
    ApprovalId approved = held(() -> bms.as(ALICE).jobs().delete(deleted));
    bms.as(BOB).approvals().approve(approved, "ok");

    clock.advance(Duration.ofHours(2).plusMinutes(1));
    // nobody reads the request: the scheduler's pass stores it as EXPIRED
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
        storage.approvals().orElseThrow().get(expiring).orElseThrow().status() == ApprovalStatus.EXPIRED);
    ApprovalRequest stored = storage.approvals().orElseThrow().get(expiring).orElseThrow();
    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.decidedBy()).isEmpty();
    assertThat(stored.outcome()).isEmpty();
    assertThat(meters.counter("bms.approvals", "event", "expired").count()).isEqualTo(1);
    assertThat(bms.jobs().get(kept)).as("an expired request never runs").isPresent();

    ApprovalRequest ran = storage.approvals().orElseThrow().get(approved).orElseThrow();
    assertThat(ran.status()).as("decided before its expiry: left alone").isEqualTo(ApprovalStatus.APPROVED);
    assertThat(ran.outcome()).contains(AuditOutcome.SUCCEEDED);
    assertThat(records(bms)).filteredOn(r -> r.entry().operation().equals("jobs.delete")
        && r.entry().resource().id().equals(deleted.value().toString())).as("the approved call ran once").hasSize(1);
  }

  @Test
  void aRejectedRequestNeverRunsAndKeepsItsReason() {
    BackupManager bms = start(FourEyesPolicy.defaults());
    JobId id = bms.jobs().create(job("payroll"));
    ApprovalId request = held(() -> bms.as(ALICE).jobs().delete(id));

    ApprovalRequest rejected = bms.as(BOB).approvals().reject(request, "payroll is audited until March");
    assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
    assertThat(rejected.comment()).isEqualTo("payroll is audited until March");
    assertThat(rejected.decidedBy()).contains(BOB);
    assertThat(bms.jobs().get(id)).isPresent();
    assertThatThrownBy(() -> bms.as(BOB).approvals().approve(request, ""))
        .isInstanceOf(ConflictException.class).hasMessageContaining("already REJECTED");
    AuditRecord reject = records(bms).stream().filter(r -> r.entry().operation().equals("approvals.reject"))
        .findFirst().orElseThrow();
    assertThat(reject.entry().actor()).isEqualTo(BOB);
    assertThat(reject.entry().diff()).contains("payroll is audited until March");
  }

  @Test
  void withFourEyesOffOrAnActionRemovedFromTheListTheCallRunsDirectly() {
    BackupManager off = start(null);
    JobId a = off.jobs().create(job("a"));
    assertThat(off.as(ALICE).jobs().delete(a)).isTrue();
    assertThat(off.as(ALICE).approvals().list(ApprovalFilter.all(), PageRequest.first(10)).items()).isEmpty();
    off.close();
    managers.clear();

    BackupManager bms = start(FourEyesPolicy.defaults().without(GuardedAction.DELETE_JOB));
    JobId b = bms.jobs().create(job("b"));
    assertThat(bms.as(ALICE).jobs().delete(b)).isTrue();
    assertThat(bms.approvals().list(ApprovalFilter.all(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void theApplicationAndBmsItselfAreNeverHeld() {
    BackupManager bms = start(FourEyesPolicy.defaults());
    JobId a = bms.jobs().create(job("a"));
    JobId b = bms.jobs().create(job("b"));
    assertThat(bms.jobs().delete(a)).isTrue();
    assertThat(bms.as(Actor.system()).jobs().delete(b)).isTrue();
  }

  @Test
  void shorteningRetentionIsHeldLengtheningIsNotAndTheHeldUpdateSurvivesARestart() {
    BackupManager first = start(FourEyesPolicy.defaults());
    JobId id = first.jobs().create(job("payroll"));
    Job current = first.jobs().require(id);
    // longer: runs directly
    Job longer = first.as(ALICE).jobs().update(id, current.version(), current.definition().toBuilder()
        .retention(RetentionPolicy.gfs(14, 4, 12)).build());
    // shorter, with a copy override and a cron schedule (every kind of value in the stored arguments)
    BackupJob shorter = longer.definition().toBuilder().description("tighter")
        .schedule(Schedule.cron("0 2 * * *", ZoneId.of("Europe/Berlin"))).rpo(Duration.ofHours(26))
        .retention(RetentionPolicy.gfs(7, 4, 12)).build();
    ApprovalRequiredException held = heldCall(() -> first.as(ALICE).jobs().update(id, longer.version(), shorter));
    assertThat(held.action()).isEqualTo(GuardedAction.SHORTEN_RETENTION);
    assertThat(held.getMessage()).contains("copy 'disk' retention", "daily 7", "was", "daily 14");
    assertThat(first.jobs().require(id).definition().retention().daily()).isEqualTo(14);
    first.close();
    managers.clear();

    // another manager (a restart, or another instance) approves: the stored arguments run
    BackupManager second = start(FourEyesPolicy.defaults());
    ApprovalRequest approved = second.as(BOB).approvals().approve(held.requestId(), "");
    assertThat(approved.outcome()).as(approved.outcomeDetail()).contains(AuditOutcome.SUCCEEDED);
    Job after = second.jobs().require(id);
    assertThat(after.definition()).isEqualTo(shorter);
    assertThat(after.version()).isEqualTo(longer.version() + 1);
  }

  @Test
  void anApprovedUpdateBasedOnAStaleVersionIsRefusedAndSaysSo() {
    BackupManager bms = start(FourEyesPolicy.defaults());
    JobId id = bms.jobs().create(job("payroll"));
    Job current = bms.jobs().require(id);
    ApprovalId request = held(() -> bms.as(ALICE).jobs().update(id, current.version(), current.definition()
        .toBuilder().retention(RetentionPolicy.keepLast(3)).build()));
    bms.jobs().update(id, current.version(), current.definition().toBuilder().description("meanwhile").build());

    ApprovalRequest approved = bms.as(BOB).approvals().approve(request, "");
    assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approved.outcome()).contains(AuditOutcome.REFUSED);
    assertThat(approved.outcomeDetail()).startsWith("ConflictException");
    assertThat(bms.jobs().require(id).definition().retention()).isEqualTo(RetentionPolicy.gfs(7, 4, 12));
    AuditRecord update = records(bms).stream().filter(r -> r.entry().operation().equals("jobs.update")
        && r.entry().actor().equals(ALICE)).findFirst().orElseThrow();
    assertThat(update.entry().outcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(update.entry().detail()).startsWith("approved by person 'u-bob'").contains("ConflictException");
  }

  @Test
  void removingOrShorteningImmutabilityIsHeld() throws Exception {
    BackupManager bms = start(FourEyesPolicy.defaults());
    Map<String, String> locked = new java.util.HashMap<>(TestBms.fsTarget(dir.resolve("vault")));
    locked.put("immutableDays", "30");
    JobId id = bms.jobs().create(BackupJob.builder("vaulted")
        .copy(CopySpec.target("filesystem", locked).named("vault"))
        .copy(CopySpec.target("lab", LabPlugin.lab("LOCAL_DISK", "dc", false, false, false, "none")).named("disk"))
        .build());
    Job current = bms.jobs().require(id);

    Map<String, String> shorter = new java.util.HashMap<>(locked);
    shorter.put("immutableDays", "7");
    assertThatThrownBy(() -> bms.as(ALICE).jobs().update(id, current.version(), withCopy(current, "vault",
        CopySpec.target("filesystem", shorter).named("vault"))))
        .isInstanceOfSatisfying(ApprovalRequiredException.class, e -> {
          assertThat(e.action()).isEqualTo(GuardedAction.REDUCE_IMMUTABILITY);
          assertThat(e.getMessage()).contains("copy 'vault' locks for PT168H, was PT720H");
        });
    Map<String, String> none = new java.util.HashMap<>(locked);
    none.remove("immutableDays");
    assertThatThrownBy(() -> bms.as(ALICE).jobs().update(id, current.version(), withCopy(current, "vault",
        CopySpec.target("filesystem", none).named("vault"))))
        .hasMessageContaining("copy 'vault' no longer locks its copies");
    assertThatThrownBy(() -> bms.as(ALICE).jobs().update(id, current.version(), current.definition().toBuilder()
        .clearCopies().copy(current.definition().copy("disk").orElseThrow()).build()))
        .hasMessageContaining("copy 'vault', locked for PT720H, is removed");
    // both at once: held as the graver action, the summary naming both
    assertThatThrownBy(() -> bms.as(ALICE).jobs().update(id, current.version(), withCopy(current, "vault",
        CopySpec.target("filesystem", shorter).named("vault")).toBuilder().retention(RetentionPolicy.keepLast(1))
        .build()))
        .isInstanceOfSatisfying(ApprovalRequiredException.class, e -> {
          assertThat(e.action()).isEqualTo(GuardedAction.REDUCE_IMMUTABILITY);
          assertThat(e.getMessage()).contains("locks for PT168H", "copy 'disk' retention keepLast 1");
        });

    // longer lock, or changes elsewhere: run directly
    Map<String, String> longer = new java.util.HashMap<>(locked);
    longer.put("immutableDays", "60");
    Job updated = bms.as(ALICE).jobs().update(id, current.version(), withCopy(current, "vault",
        CopySpec.target("filesystem", longer).named("vault")));
    assertThat(updated.version()).isEqualTo(current.version() + 1);
    assertThat(bms.approvals().list(ApprovalFilter.pending(), PageRequest.first(10)).items()).hasSize(4);
  }

  private static BackupJob withCopy(Job job, String name, CopySpec copy) {
    BackupJob.Builder b = job.definition().toBuilder().clearCopies();
    for (CopySpec c : job.definition().copies()) {
      b.copy(c.name().equals(name) ? copy : c);
    }
    return b.build();
  }

  @Test
  void removingAVerificationPolicyAndLongCriticalSilencesAreHeld() {
    BackupManager bms = start(FourEyesPolicy.defaults().withCriticalSilenceThreshold(Duration.ofHours(4)));
    JobId id = bms.jobs().create(job("payroll"));
    bms.as(ALICE).verifications().setPolicy(id, VerificationPolicy.every(Duration.ofDays(7), VerificationLevel.CHECKSUM));
    ApprovalId clear = held(() -> bms.as(ALICE).verifications().clearPolicy(id));
    assertThat(bms.verifications().policy(id)).isPresent();
    assertThat(bms.as(BOB).approvals().approve(clear, "").outcome()).contains(AuditOutcome.SUCCEEDED);
    assertThat(bms.verifications().policy(id)).isEmpty();
    assertThat(bms.as(ALICE).verifications().clearPolicy(id)).as("nothing to remove: runs").isFalse();

    Instant now = clock.instant();
    // short, or not matching critical alerts: run directly
    assertThat(bms.as(OTTO).alerts().silence(Map.of("bms.job", "payroll"), now, now.plus(Duration.ofHours(4)), "otto",
        "")).isNotNull();
    assertThat(bms.as(OTTO).alerts().silence(Map.of("bms.severity", "WARNING"), now, now.plus(Duration.ofDays(3)),
        "otto", "")).isNotNull();
    // a long one that can mute critical alerts: held, until it is approved
    ApprovalId silence = held(() -> bms.as(OTTO).alerts().silence(Map.of("bms.job", "payroll"), now,
        now.plus(Duration.ofDays(2)), "otto", "migration weekend"));
    ApprovalId critical = held(() -> bms.as(OTTO).alerts().silence(Map.of("bms.severity", "CRITICAL"),
        now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)).plus(Duration.ofHours(5)), "otto", ""));
    assertThat(bms.alerts().silences()).hasSize(2);
    assertThat(bms.as(BOB).approvals().approve(silence, "ok for the weekend").outcome())
        .contains(AuditOutcome.SUCCEEDED);
    assertThat(bms.alerts().silences()).hasSize(3).anySatisfy(s -> {
      assertThat(s.comment()).isEqualTo("migration weekend");
      assertThat(s.endsAt()).isEqualTo(now.plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    });
    assertThat(bms.approvals().get(critical).orElseThrow().action()).isEqualTo(GuardedAction.LONG_CRITICAL_SILENCE);
    // a secret-looking matcher is redacted in the trail, and left out of the summary
    ApprovalId secret = held(() -> bms.as(OTTO).alerts().silence(Map.of("bms.job", "payroll", "api_token", "s3cr3t"),
        now, now.plus(Duration.ofDays(2)), "otto", ""));
    assertThat(bms.approvals().get(secret).orElseThrow().summary()).contains("bms.job=payroll", "api_token")
        .doesNotContain("s3cr3t");
    AuditRecord request = records(bms).stream().filter(r -> r.entry().operation().equals("approvals.request")
        && r.entry().resource().id().equals(secret.toString())).findFirst().orElseThrow();
    assertThat(request.entry().actor()).isEqualTo(OTTO);
    assertThat(request.entry().diff()).contains("***", "LONG_CRITICAL_SILENCE", "payroll").doesNotContain("s3cr3t");
    AuditRecord silenceRecord = records(bms).stream().filter(r -> r.entry().operation().equals("alerts.silence")
        && r.entry().detail().contains("u-bob")).findFirst().orElseThrow();
    assertThat(silenceRecord.entry().actor()).isEqualTo(OTTO);
  }

  @Test
  void applyingRetentionThatDeletesRestorePointsIsHeldAndRunsOnApproval() throws Exception {
    BackupManager bms = start(FourEyesPolicy.defaults());
    Path source = TestBms.sampleTree(dir.resolve("src"));
    JobId id = bms.jobs().create(BackupJob.builder("files")
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("target"))).named("primary"))
        .retention(RetentionPolicy.keepLast(5))
        .build());
    for (int i = 0; i < 3; i++) {
      assertThat(bms.executions().runNow(id).status()).isEqualTo(dev.bms.api.model.ExecutionStatus.SUCCEEDED);
      clock.advance(Duration.ofMinutes(1));
    }
    // nothing expired: applying retention deletes nothing and is not held
    assertThat(bms.as(ALICE).retention().apply(id)).isEmpty();
    // the application shortens retention itself (it is never held), then Alice applies it
    Job current = bms.jobs().require(id);
    bms.jobs().update(id, current.version(), current.definition().toBuilder().retention(RetentionPolicy.keepLast(1))
        .build());
    assertThat(bms.retention().preview(id).toDelete()).hasSize(2);
    ApprovalRequiredException held = heldCall(() -> bms.as(ALICE).retention().apply(id));
    assertThat(held.action()).isEqualTo(GuardedAction.DELETE_RESTORE_POINTS);
    assertThat(held.getMessage()).contains("deleting 2 expired copies");
    assertThat(bms.retention().deletions(id, 10)).as("held: nothing deleted").isEmpty();

    ApprovalRequest approved = bms.as(BOB).approvals().approve(held.requestId(), "");
    assertThat(approved.outcome()).as(approved.outcomeDetail()).contains(AuditOutcome.SUCCEEDED);
    assertThat(bms.retention().deletions(id, 10)).hasSize(2);
    assertThat(bms.retention().preview(id).toDelete()).isEmpty();
    AuditRecord apply = records(bms).stream().filter(r -> r.entry().operation().equals("retention.apply")
        && r.entry().detail().contains("u-bob")).findFirst().orElseThrow();
    assertThat(apply.entry().actor()).isEqualTo(ALICE);
  }

  @Test
  void listingPagesNewestFirstAndFiltersByRequesterAndOperation() {
    BackupManager bms = start(FourEyesPolicy.defaults());
    List<ApprovalId> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      JobId id = bms.jobs().create(job("job-" + i));
      Actor who = i % 2 == 0 ? ALICE : BOB;
      made.add(held(() -> bms.as(who).jobs().delete(id)));
      clock.advance(Duration.ofSeconds(1));
    }
    List<ApprovalId> seen = new ArrayList<>();
    PageRequest page = PageRequest.first(2);
    while (page != null) {
      var p = bms.approvals().list(ApprovalFilter.all(), page);
      p.items().forEach(r -> seen.add(r.id()));
      page = p.next(2).orElse(null);
    }
    assertThat(seen).containsExactly(made.get(4), made.get(3), made.get(2), made.get(1), made.get(0));
    assertThat(bms.approvals().list(ApprovalFilter.all().withRequester("u-bob"), PageRequest.first(10)).items())
        .extracting(ApprovalRequest::id).containsExactly(made.get(3), made.get(1));
    assertThat(bms.approvals().list(ApprovalFilter.all().withOperation("retention.apply"), PageRequest.first(10))
        .items()).isEmpty();
  }
}
