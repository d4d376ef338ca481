package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.AccessDeniedException;
import dev.bms.api.Actor;
import dev.bms.api.BackupManager;
import dev.bms.api.BackupServices;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.audit.ResourceRef;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.storage.jdbc.JdbcStorage;
import dev.bms.spi.AccessPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call through {@code bms.as(actor)} passes the access policy first: the built-in role policy
 * lets viewers read, operators operate, admins configure and auditors read the trail; a refusal is
 * an {@link AccessDeniedException}, changes nothing and is recorded as DENIED. The policy's table
 * names every audited operation, so a new mutating operation must be placed in it.
 */
class AccessPolicyTest {
  private static final Actor VIEWER = Actor.person("u-view", "Vera Viewer", "viewer");
  private static final Actor OPERATOR = Actor.person("u-op", "Otto Operator", "operator");
  private static final Actor ADMIN = Actor.person("u-admin", "Ada Admin", "admin");
  private static final Actor AUDITOR = Actor.person("u-audit", "Aud Itor", "auditor");
  private static final Actor NOBODY = Actor.service("no-roles");

  @TempDir
  Path dir;
  BackupManager bms;

  private BackupManager start(Optional<AccessPolicy> policy) {
    var builder = Bms.builder().storage(JdbcStorage.embedded(dir.resolve("db")))
        .meterRegistry(new SimpleMeterRegistry()).plugin(new LabPlugin()).scheduler(false).instanceId("policy");
    policy.ifPresent(builder::accessPolicy);
    bms = builder.build();
    bms.start();
    return bms;
  }

  @AfterEach
  void close() {
    if (bms != null) {
      bms.close();
    }
  }

  private static BackupJob job(String name) {
    return BackupJob.builder(name)
        .copy(CopySpec.target("lab", LabPlugin.lab("LOCAL_DISK", "dc", false, false, false, "none")).named("disk"))
        .build();
  }

  private List<AuditRecord> records() {
    return bms.audit().search(AuditFilter.all(), PageRequest.first(100)).items();
  }

  @Test
  void theRolePolicyLetsEachRoleDoItsPartAndRecordsEveryRefusal() {
    start(Optional.empty());
    JobId id = bms.as(ADMIN).jobs().create(job("payroll"));

    // viewer: reads, nothing else
    BackupServices viewer = bms.as(VIEWER);
    assertThat(viewer.jobs().get(id)).isPresent();
    assertThat(viewer.alerts().list(AlertFilter.all(), PageRequest.first(10)).items()).isEmpty();
    assertThatThrownBy(() -> viewer.jobs().delete(id)).isInstanceOfSatisfying(AccessDeniedException.class, e -> {
      assertThat(e.actorId()).isEqualTo("u-view");
      assertThat(e.operation()).isEqualTo("jobs.delete");
      assertThat(e.getMessage()).contains("needs the role admin");
    });
    assertThat(bms.jobs().get(id)).as("a refused call changes nothing").isPresent();
    assertThatThrownBy(() -> viewer.executions().begin(id)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> viewer.audit().search(AuditFilter.all(), PageRequest.first(1)))
        .isInstanceOf(AccessDeniedException.class);

    // operator: operates, does not configure
    BackupServices operator = bms.as(OPERATOR);
    var run = operator.executions().begin(id);
    operator.executions().fail(run.execution().id(), run.token(), "disk full");
    operator.alerts().silence(Map.of("job", "payroll"), Instant.now(), Instant.now().plusSeconds(60), "otto", "");
    assertThatThrownBy(() -> operator.jobs().disable(id)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> operator.audit().verify(Instant.EPOCH, Instant.now()))
        .isInstanceOf(AccessDeniedException.class);

    // auditor: reads everything, changes nothing
    BackupServices auditor = bms.as(AUDITOR);
    assertThat(auditor.jobs().list(JobFilter.all(), PageRequest.first(10)).items()).hasSize(1);
    assertThat(auditor.audit().verify(Instant.EPOCH, Instant.now().plusSeconds(60)).intact()).isTrue();
    assertThatThrownBy(() -> auditor.jobs().create(job("x"))).isInstanceOf(AccessDeniedException.class);

    // no role: nothing, not even a read
    assertThatThrownBy(() -> bms.as(NOBODY).jobs().get(id)).isInstanceOf(AccessDeniedException.class);

    List<AuditRecord> denied = bms.as(AUDITOR).audit()
        .search(AuditFilter.all().withOutcome(AuditOutcome.DENIED), PageRequest.first(100)).items();
    assertThat(denied).extracting(r -> r.entry().actor().id() + " " + r.entry().operation())
        .containsExactly("no-roles jobs.get", "u-audit jobs.create", "u-op audit.verify", "u-op jobs.disable",
            "u-view audit.search", "u-view executions.begin", "u-view jobs.delete");
    assertThat(denied.get(0).entry().resource()).isEqualTo(new ResourceRef("job", id.value().toString()));
    assertThat(denied.get(6).entry().detail()).startsWith("AccessDeniedException: ").contains("u-view");
    assertThat(records()).filteredOn(r -> r.entry().outcome() == AuditOutcome.SUCCEEDED)
        .extracting(r -> r.entry().actor().id() + " " + r.entry().operation())
        .containsExactly("u-op alerts.silence", "u-op executions.fail", "u-op executions.begin", "u-admin jobs.create");
  }

  @Test
  void theApplicationAndBmsItselfAreTrusted() {
    start(Optional.empty());
    JobId id = bms.jobs().create(job("direct"));
    assertThat(bms.as(Actor.system()).jobs().disable(id).enabled()).isFalse();
    assertThat(bms.as(Actor.application()).jobs().delete(id)).isTrue();
  }

  @Test
  void anApplicationsOwnPolicyDecidesInstead() {
    AccessPolicy onlyCreatesByAlice = (actor, operation, resource) ->
        operation.equals("jobs.create") && !actor.id().equals("alice")
            ? Optional.of("only alice creates jobs here") : Optional.empty();
    start(Optional.of(onlyCreatesByAlice));

    assertThat(bms.as(Actor.person("alice", "Alice")).jobs().create(job("mine"))).isNotNull();
    assertThatThrownBy(() -> bms.as(Actor.person("bob", "Bob", "admin")).jobs().create(job("his")))
        .isInstanceOf(AccessDeniedException.class).hasMessage("only alice creates jobs here");
    assertThat(bms.jobs().findByName("his")).isEmpty();
  }

  @Test
  void theRoleTableNamesEveryAuditedOperationAndNoReadIsAChange() {
    RoleAccessPolicy policy = new RoleAccessPolicy();
    Set<String> audited = AuditCoverageTest.auditedOperations().keySet();
    assertThat(audited).allSatisfy(op -> assertThat(RoleAccessPolicy.OPERATE.contains(op)
        || RoleAccessPolicy.ADMINISTER.contains(op)).as(op + " is placed in the role table").isTrue());
    assertThat(policy.reads()).doesNotContainAnyElementsOf(audited)
        .contains("jobs.get", "jobs.list", "alerts.open", "alerts.findings", "reports.summary", "restores.plan")
        .doesNotContain("audit.search", "compliance.evaluateAll", "executions.heartbeat");
    assertThat(policy.check(Actor.person("v", "V", "viewer"), "jobs.brandNewChange", new ResourceRef("job", "-")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("not in the role policy's table"));
  }
}
