package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.bms.api.Actor;
import dev.bms.api.BackupManager;
import dev.bms.api.BackupServices;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.audit.Audited;
import dev.bms.api.audit.NotAudited;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.ReportedExecution;
import dev.bms.api.model.ReportedRun;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.VerificationPolicy;
import dev.bms.api.restore.RestoreId;
import dev.bms.api.restore.RestorePointRef;
import dev.bms.api.restore.RestoreRequest;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every method of every service reachable from {@link BackupServices} is classified, on the
 * interface itself, as {@link Audited} or {@link NotAudited}; a new method without either fails
 * here. And every audited operation has a scenario below that calls it through
 * {@code bms.as(actor)} on a real manager and finds exactly one new record with that operation,
 * that actor and the expected outcome: a new audited operation without a scenario fails here too.
 */
class AuditCoverageTest {
  private static final Actor OPERATOR = Actor.person("u-op", "Olga Admin", "admin");

  @TempDir
  Path dir;

  /** The service interfaces: the return types of {@link BackupServices}'s accessors. */
  static List<Class<?>> services() {
    List<Class<?>> out = new ArrayList<>();
    for (Method m : BackupServices.class.getMethods()) {
      if (m.getParameterCount() == 0 && m.getReturnType().isInterface()) {
        out.add(m.getReturnType());
      }
    }
    return out;
  }

  /** Operation name to its method, for every audited method. */
  static Map<String, Method> auditedOperations() {
    Map<String, Method> ops = new HashMap<>();
    for (Class<?> service : services()) {
      for (Method m : service.getMethods()) {
        Audited a = m.getAnnotation(Audited.class);
        if (a != null && ops.put(a.operation(), m) != null) {
          fail("operation %s is named by two methods", a.operation());
        }
      }
    }
    return ops;
  }

  @Test
  void everyServiceMethodIsClassifiedAsAuditedOrNot() {
    assertThat(services()).hasSizeGreaterThanOrEqualTo(10);
    List<String> problems = new ArrayList<>();
    for (Class<?> service : services()) {
      for (Method m : service.getMethods()) {
        Audited audited = m.getAnnotation(Audited.class);
        NotAudited not = m.getAnnotation(NotAudited.class);
        String name = service.getSimpleName() + "." + m.getName() + "(" + m.getParameterCount() + " args)";
        if ((audited == null) == (not == null)) {
          problems.add(name + ": needs exactly one of @Audited or @NotAudited");
        } else if (audited != null && (audited.resource().isBlank() || !audited.operation().matches("[a-z]+\\.[a-zA-Z]+"))) {
          problems.add(name + ": operation '" + audited.operation() + "' or resource '" + audited.resource()
              + "' is not well formed");
        } else if (not != null && not.value().isBlank()) {
          problems.add(name + ": @NotAudited needs a reason");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyAuditedOperationWritesExactlyOneRecordWithItsActor() throws Exception {
    Path source = TestBms.sampleTree(dir.resolve("src"));
    try (BackupManager bms = Bms.builder().storage(JdbcStorage.embedded(dir.resolve("db")))
        .meterRegistry(new SimpleMeterRegistry()).plugin(new LabPlugin()).scheduler(false).instanceId("coverage")
        .build()) {
      bms.start();
      BackupServices as = bms.as(OPERATOR);
      Map<String, Object> ctx = new HashMap<>();
      JobId reported = bms.jobs().create(BackupJob.builder("reported")
          .copy(CopySpec.target("lab", LabPlugin.lab("LOCAL_DISK", "dc", false, false, false, "none")).named("disk"))
          .build());
      JobId managed = bms.jobs().create(BackupJob.builder("managed")
          .source("directory", Map.of("path", source.toString()))
          .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("target"))).named("primary"))
          .build());
      CopyResult ok = CopyResult.succeeded("disk", 10, 1, Duration.ofSeconds(1), "ab".repeat(32));

      // operation -> (outcome expected, the call)
      Map<String, Scenario> scenarios = new LinkedHashMap<>();
      scenarios.put("jobs.create", ok(() -> ctx.put("job", as.jobs().create(BackupJob.builder("scratch")
          .copy(CopySpec.target("lab", LabPlugin.lab("LOCAL_DISK", "dc", false, false, false, "none"))).build()))));
      scenarios.put("jobs.update", ok(() -> {
        JobId id = (JobId) ctx.get("job");
        var job = bms.jobs().require(id);
        as.jobs().update(id, job.version(), job.definition().toBuilder().description("changed").build());
      }));
      scenarios.put("jobs.disable", ok(() -> as.jobs().disable((JobId) ctx.get("job"))));
      scenarios.put("jobs.enable", ok(() -> as.jobs().enable((JobId) ctx.get("job"))));
      scenarios.put("jobs.delete", ok(() -> as.jobs().delete((JobId) ctx.get("job"))));
      scenarios.put("executions.begin", ok(() -> ctx.put("begun", as.executions().begin(reported))));
      scenarios.put("executions.complete", ok(() -> {
        ReportedRun run = (ReportedRun) ctx.get("begun");
        as.executions().complete(run.execution().id(), run.token(), List.of(ok));
      }));
      ReportedRun toFail = bms.executions().begin(reported);
      scenarios.put("executions.fail", ok(() -> as.executions().fail(toFail.execution().id(), toFail.token(),
          "disk full")));
      scenarios.put("executions.record", ok(() -> as.executions().record(List.of(new ReportedExecution(reported,
          Instant.now().minusSeconds(60), Instant.now().minusSeconds(30), List.of(ok))))));
      scenarios.put("executions.runNow", ok(() -> ctx.put("run", as.executions().runNow(managed))));
      scenarios.put("executions.submit", ok(() -> ctx.put("queued", as.executions().submit(managed))));
      scenarios.put("executions.cancel", ok(() -> as.executions().cancel(((Execution) ctx.get("queued")).id())));
      scenarios.put("verifications.verify", ok(() -> as.verifications().verify(((Execution) ctx.get("run")).id(),
          VerificationLevel.CHECKSUM)));
      scenarios.put("verifications.setPolicy", ok(() -> as.verifications().setPolicy(managed,
          VerificationPolicy.every(Duration.ofDays(7), VerificationLevel.CHECKSUM))));
      scenarios.put("verifications.clearPolicy", ok(() -> as.verifications().clearPolicy(managed)));
      scenarios.put("retention.apply", ok(() -> as.retention().apply(managed)));
      scenarios.put("restores.restore", ok(() -> assertThat(as.restores().restore(RestoreRequest.from(
          RestorePointRef.latest(managed)).into(dir.resolve("restored-1")).build()).requestedBy())
          .as("a restore through a view that names nobody is requested by the view's actor").isEqualTo("u-op")));
      scenarios.put("restores.start", ok(() -> ctx.put("restore", as.restores().start(RestoreRequest.from(
          RestorePointRef.latest(managed)).into(dir.resolve("restored-2")).build()))));
      scenarios.put("restores.cancel", ok(() -> {
        RestoreId id = (RestoreId) ctx.get("restore");
        as.restores().cancel(id);
        bms.restores().await(id, Duration.ofSeconds(30));
      }));
      scenarios.put("restores.setRtoTarget", ok(() -> as.restores().setRtoTarget(managed, Duration.ofHours(4))));
      scenarios.put("restores.clearRtoTarget", ok(() -> as.restores().clearRtoTarget(managed)));
      scenarios.put("compliance.setDefaultPolicy", ok(() -> as.compliance().setDefaultPolicy(
          CompliancePolicy.defaults().withMinCopies(2))));
      scenarios.put("compliance.setPolicy", ok(() -> as.compliance().setPolicy(reported,
          CompliancePolicy.defaults().withMinCopies(1))));
      scenarios.put("compliance.clearPolicy", ok(() -> as.compliance().clearPolicy(reported)));
      scenarios.put("alerts.silence", ok(() -> ctx.put("silence", as.alerts().silence(Map.of("job", "managed"),
          Instant.now(), Instant.now().plusSeconds(3600), "olga", "maintenance").id())));
      scenarios.put("alerts.expireSilence", ok(() -> as.alerts().expireSilence((String) ctx.get("silence"))));
      // no alert is open in this scenario: acknowledging an unknown one is refused, and the refusal recorded
      scenarios.put("alerts.acknowledge", refused(() -> as.alerts().acknowledge(new AlertId(UUID.randomUUID()),
          "olga", "seen")));
      // likewise resolving an unknown alert (FindingsTest resolves real ransomware alerts, held and approved)
      scenarios.put("alerts.resolve", refused(() -> as.alerts().resolve(new AlertId(UUID.randomUUID()),
          "olga", "restored from the last clean point")));
      scenarios.put("reports.rebuildRollups", ok(() -> as.reports().rebuildRollups()));
      // nothing is that old: the purge exports and deletes nothing, and is recorded
      scenarios.put("audit.purge", ok(() -> as.audit().purge(Instant.parse("2000-01-01T00:00:00Z"),
          dir.resolve("audit-exports"))));
      // four-eyes is off here (FourEyesTest covers approvals that run): deciding an unknown request is
      // refused, and the refusal recorded
      scenarios.put("approvals.approve", refused(() -> as.approvals().approve(
          new dev.bms.api.approval.ApprovalId(UUID.randomUUID()), "ok")));
      scenarios.put("approvals.reject", refused(() -> as.approvals().reject(
          new dev.bms.api.approval.ApprovalId(UUID.randomUUID()), "no")));

      assertThat(new TreeSet<>(scenarios.keySet())).as("every audited operation has a scenario")
          .isEqualTo(new TreeSet<>(auditedOperations().keySet()));

      for (Map.Entry<String, Scenario> s : scenarios.entrySet()) {
        long before = newestSequence(bms);
        try {
          s.getValue().call().run();
        } catch (RuntimeException e) {
          if (s.getValue().outcome() == AuditOutcome.SUCCEEDED) {
            throw new AssertionError(s.getKey() + " failed", e);
          }
        }
        List<AuditRecord> added = bms.audit().search(AuditFilter.all(), PageRequest.first(10)).items().stream()
            .filter(r -> r.sequence() > before).toList();
        assertThat(added).as(s.getKey()).singleElement().satisfies(r -> {
          assertThat(r.entry().operation()).isEqualTo(s.getKey());
          assertThat(r.entry().actor()).isEqualTo(OPERATOR);
          assertThat(r.entry().outcome()).isEqualTo(s.getValue().outcome());
          assertThat(r.entry().resource().type()).isEqualTo(
              auditedOperations().get(s.getKey()).getAnnotation(Audited.class).resource());
          assertThat(r.entry().resource().id()).as("%s names its resource", s.getKey()).isNotEqualTo("-");
        });
      }
      assertThat(bms.audit().verify(Instant.EPOCH, Instant.now().plusSeconds(60)).intact()).isTrue();
      // the report token handed out by begin is a secret: recorded as *** only, and the record names the run
      ReportedRun begun = (ReportedRun) ctx.get("begun");
      AuditRecord begin = bms.audit().search(AuditFilter.all().withOperation("executions.begin").withActor("u-op"), PageRequest.first(5))
          .items().get(0);
      assertThat(begin.entry().resource().id()).as("%s", begin).isEqualTo(begun.execution().id().value().toString());
      assertThat(begin.entry().diff()).contains("\"token\":{\"to\":\"***\"}").doesNotContain(begun.token());
    }
  }

  private static long newestSequence(BackupManager bms) {
    return bms.audit().search(AuditFilter.all(), PageRequest.first(1)).items().stream()
        .mapToLong(AuditRecord::sequence).findFirst().orElse(0);
  }

  record Scenario(AuditOutcome outcome, Runnable call) {
  }

  private static Scenario ok(Runnable call) {
    return new Scenario(AuditOutcome.SUCCEEDED, call);
  }

  private static Scenario refused(Runnable call) {
    return new Scenario(AuditOutcome.REFUSED, call);
  }
}
