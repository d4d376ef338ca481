package dev.bms.core;

import dev.bms.api.Actor;
import dev.bms.api.audit.ResourceRef;
import dev.bms.spi.AccessPolicy;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in {@link AccessPolicy}, used unless the application gives the builder its own: four
 * roles, and two actors trusted with everything.
 *
 * <table>
 *   <caption>What each role may do</caption>
 *   <tr><th>role</th><th>may</th></tr>
 *   <tr><td>{@code viewer}</td><td>every read, except the audit trail</td></tr>
 *   <tr><td>{@code operator}</td><td>what a viewer may, and operate: run now, submit and cancel runs,
 *     report runs (begin, heartbeat, complete, fail, record), verify restore points, restore and
 *     cancel restores, evaluate compliance, acknowledge alerts, resolve the alerts of anomaly findings
 *     (a ransomware signal's resolution is a four-eyes guarded action), silence and expire silences</td></tr>
 *   <tr><td>{@code admin}</td><td>what an operator may, and configure: create, update, enable,
 *     disable and delete jobs, apply retention, set and clear compliance and verification policies
 *     and RTO targets, rebuild report rollups, approve and reject four-eyes requests; and read the
 *     audit trail</td></tr>
 *   <tr><td>{@code auditor}</td><td>every read, including searching and verifying the audit trail;
 *     no change</td></tr>
 * </table>
 *
 * <p>{@link Actor#system()} (bms itself) and {@link Actor#application()} (calls made directly on the
 * manager: the embedding application, which holds bms's database anyway) may do everything. Roles
 * are matched exactly, lower case; an actor with several roles may do what any of them may. A read
 * is an operation of a method marked {@code @NotAudited} that is not listed as operating; an
 * operation this policy does not list (a new mutating operation) is refused to every role, so new
 * operations start closed until this table names them.
 *
 * @since 0.2.0
 */
public final class RoleAccessPolicy implements AccessPolicy {
  /** Reads everything but the audit trail. */
  public static final String VIEWER = "viewer";
  /** Runs backups and restores, handles alerts. */
  public static final String OPERATOR = "operator";
  /** Changes configuration and deletes. */
  public static final String ADMIN = "admin";
  /** Reads everything, including the audit trail; changes nothing. */
  public static final String AUDITOR = "auditor";

  /** Operations an operator (and an admin) may make. */
  public static final Set<String> OPERATE = Set.of(
      "executions.runNow", "executions.submit", "executions.cancel", "executions.begin", "executions.heartbeat",
      "executions.complete", "executions.fail", "executions.record", "verifications.verify",
      "restores.restore", "restores.start", "restores.cancel", "compliance.evaluate", "compliance.evaluateAll",
      "alerts.acknowledge", "alerts.resolve", "alerts.silence", "alerts.expireSilence");

  /** Operations only an admin may make. */
  public static final Set<String> ADMINISTER = Set.of(
      "jobs.create", "jobs.update", "jobs.enable", "jobs.disable", "jobs.delete", "retention.apply",
      "compliance.setDefaultPolicy", "compliance.setPolicy", "compliance.clearPolicy",
      "verifications.setPolicy", "verifications.clearPolicy", "restores.setRtoTarget", "restores.clearRtoTarget",
      "reports.rebuildRollups", "approvals.approve", "approvals.reject", "audit.purge");

  /** The audit trail's reads: auditors and admins. */
  public static final Set<String> AUDIT = Set.of("audit.search", "audit.verify", "audit.verifyExport");

  private final Set<String> reads;

  /** The policy over bms's service interfaces as they are. */
  public RoleAccessPolicy() {
    Set<String> found = new HashSet<>(ServiceOperations.reads());
    found.removeAll(OPERATE);
    found.removeAll(AUDIT);
    this.reads = Set.copyOf(found);
  }

  /** The read operations ({@code <service>.<method>}) every role may make. */
  public Set<String> reads() {
    return reads;
  }

  @Override
  public Optional<String> check(Actor actor, String operation, ResourceRef resource) {
    if (actor.kind() == Actor.Kind.SYSTEM || actor.equals(Actor.application())) {
      return Optional.empty();
    }
    Set<String> roles = actor.roles();
    boolean admin = roles.contains(ADMIN);
    boolean operator = admin || roles.contains(OPERATOR);
    boolean auditor = roles.contains(AUDITOR);
    boolean viewer = operator || auditor || roles.contains(VIEWER);
    boolean allowed;
    String needs;
    if (reads.contains(operation)) {
      allowed = viewer;
      needs = "viewer, operator, admin or auditor";
    } else if (AUDIT.contains(operation)) {
      allowed = auditor || admin;
      needs = "auditor or admin";
    } else if (OPERATE.contains(operation)) {
      allowed = operator;
      needs = "operator or admin";
    } else if (ADMINISTER.contains(operation)) {
      allowed = admin;
      needs = "admin";
    } else {
      return Optional.of("operation " + operation + " is not in the role policy's table; no role may make it");
    }
    if (allowed) {
      return Optional.empty();
    }
    return Optional.of(actor.kind().name().toLowerCase(Locale.ROOT) + " '" + actor.id() + "' (roles "
        + (roles.isEmpty() ? "none" : String.join(", ", roles)) + ") may not " + operation + " "
        + resource.type() + (resource.id().equals("-") ? "" : " " + resource.id()) + ": it needs the role " + needs);
  }
}
