package dev.bms.core.internal.audit;

import dev.bms.api.AccessDeniedException;
import dev.bms.api.Actor;
import dev.bms.api.AlertService;
import dev.bms.api.BackupServices;
import dev.bms.api.BmsException;
import dev.bms.api.ComplianceService;
import dev.bms.api.ExecutionService;
import dev.bms.api.JobService;
import dev.bms.api.RestoreService;
import dev.bms.api.RetentionService;
import dev.bms.api.ScheduleService;
import dev.bms.api.StorageException;
import dev.bms.api.VerificationService;
import dev.bms.api.ApprovalRequiredException;
import dev.bms.api.approval.ApprovalId;
import dev.bms.api.approval.ApprovalRequest;
import dev.bms.api.approval.ApprovalService;
import dev.bms.api.restore.RestoreRequest;
import dev.bms.core.internal.approval.FourEyes;
import dev.bms.api.audit.AuditEntry;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.AuditService;
import dev.bms.api.audit.Audited;
import dev.bms.api.audit.ResourceRef;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.Inputs;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.report.ReportService;
import dev.bms.api.restore.RestoreId;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import dev.bms.spi.AccessPolicy;
import dev.bms.core.internal.tx.AfterCommit;

/**
 * The services as seen by one {@link Actor}: each accessor returns a proxy of the real service that
 * passes every call through and, for a method marked {@link Audited}, writes one audit record with
 * the actor, the outcome and the diff of the resource's state before and after the call. Methods
 * marked {@link dev.bms.api.audit.NotAudited} pass through untouched (reads write nothing).
 *
 * <p>Before anything else, every call (reads too) of an actor other than {@link Actor#system()} is
 * put to the {@link AccessPolicy}; a refusal is recorded (outcome {@code DENIED}) and thrown as
 * {@link AccessDeniedException} without reaching the service.
 *
 * <p>Lifecycle checks are the real services': while the manager is not running nothing is recorded
 * and the call reaches the service, which throws {@link dev.bms.api.LifecycleException}.
 *
 * <p>When the storage has an ambient transaction, a call of a {@linkplain AuditTrail#joint joint}
 * operation runs inside it: its store methods and its record commit together, after which the effects
 * it queued ({@link AfterCommit}: events, cache invalidations, compliance marks, hand-overs to other
 * threads) run. When the record cannot be written the change rolls back and the call fails with
 * {@link StorageException}; when the call itself throws, its change rolls back and the refusal or
 * failure is recorded in a transaction of its own. Other operations (external effects, see
 * {@link AuditTrail#OUTSIDE_THE_TRANSACTION}) and storages without the scope record after the call, in
 * a transaction of its own: a crash between the two can lose that record.
 */
public final class AuditedView implements BackupServices {

  /** The unaudited services a view wraps. */
  public record Services(JobService jobs, ExecutionService executions, RetentionService retention,
                         ScheduleService schedules, VerificationService verifications, ComplianceService compliance,
                         ReportService reports, AlertService alerts, RestoreService restores, AuditService audit) {
  }

  private final Services raw;
  private final Actor actor;
  private final AuditTrail trail;
  private final AccessPolicy policy;
  private final JobService jobs;
  private final ExecutionService executions;
  private final RetentionService retention;
  private final ScheduleService schedules;
  private final VerificationService verifications;
  private final ComplianceService compliance;
  private final ReportService reports;
  private final AlertService alerts;
  private final RestoreService restores;
  private final AuditService audit;
  private final FourEyes fourEyes;
  private final ApprovedRun approved;
  private final ApprovalService approvals;

  /**
   * The view of a call run on approval: the requester's, not held again, and its audit records name
   * the approver.
   *
   * @param request the approved request
   * @param approver who approved it
   */
  public record ApprovedRun(ApprovalId request, Actor approver) {
    String detail() {
      return "approved by " + approver.kind().name().toLowerCase(java.util.Locale.ROOT) + " '" + approver.id()
          + "' (" + approver.displayName() + ") in request " + request;
    }
  }

  public AuditedView(Services raw, Actor actor, AuditTrail trail, AccessPolicy policy, FourEyes fourEyes) {
    this(raw, actor, trail, policy, fourEyes, null);
  }

  /** The view of {@code actor} running a call {@code approved} by another actor. */
  public AuditedView(Services raw, Actor actor, AuditTrail trail, AccessPolicy policy, FourEyes fourEyes,
                     ApprovedRun approved) {
    this.fourEyes = Objects.requireNonNull(fourEyes, "fourEyes");
    this.approved = approved;
    this.raw = Objects.requireNonNull(raw, "raw");
    this.actor = Objects.requireNonNull(actor, "actor");
    this.trail = Objects.requireNonNull(trail, "trail");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.jobs = proxy(JobService.class, "jobs", raw.jobs());
    this.executions = proxy(ExecutionService.class, "executions", raw.executions());
    this.retention = proxy(RetentionService.class, "retention", raw.retention());
    this.schedules = proxy(ScheduleService.class, "schedules", raw.schedules());
    this.verifications = proxy(VerificationService.class, "verifications", raw.verifications());
    this.compliance = proxy(ComplianceService.class, "compliance", raw.compliance());
    this.reports = proxy(ReportService.class, "reports", raw.reports());
    this.alerts = proxy(AlertService.class, "alerts", raw.alerts());
    this.restores = proxy(RestoreService.class, "restores", raw.restores());
    this.audit = proxy(AuditService.class, "audit", raw.audit());
    this.approvals = proxy(ApprovalService.class, "approvals", fourEyes.serviceFor(actor));
  }

  @Override
  public ApprovalService approvals() {
    return approvals;
  }

  @Override
  public Actor actor() {
    return actor;
  }

  @Override
  public JobService jobs() {
    return jobs;
  }

  @Override
  public ExecutionService executions() {
    return executions;
  }

  @Override
  public RetentionService retention() {
    return retention;
  }

  @Override
  public ScheduleService schedules() {
    return schedules;
  }

  @Override
  public VerificationService verifications() {
    return verifications;
  }

  @Override
  public ComplianceService compliance() {
    return compliance;
  }

  @Override
  public ReportService reports() {
    return reports;
  }

  @Override
  public AlertService alerts() {
    return alerts;
  }

  @Override
  public RestoreService restores() {
    return restores;
  }

  @Override
  public AuditService audit() {
    return audit;
  }

  @Override
  public String toString() {
    return "BackupServices as " + actor.kind() + " '" + actor.id() + "'";
  }

  private <T> T proxy(Class<T> type, String service, T target) {
    Objects.requireNonNull(target, type.getSimpleName());
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        new Handler(type, service, target)));
  }

  /** Passes calls to the real service and records the audited ones. */
  private final class Handler implements InvocationHandler {
    private final Class<?> type;
    private final String service;
    private final Object target;

    Handler(Class<?> type, String service, Object target) {
      this.type = type;
      this.service = service;
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          case "toString" -> type.getSimpleName() + " as " + actor.id();
          default -> call(method, args);
        };
      }
      if (!trail.running()) {
        return call(method, args); // the service throws LifecycleException
      }
      Audited audited = method.getAnnotation(Audited.class);
      String op = audited != null ? audited.operation() : service + "." + method.getName();
      Object key = keyOf(op, args);
      if (actor.kind() != Actor.Kind.SYSTEM) {
        ResourceRef resource = audited != null ? new ResourceRef(audited.resource(), key == null ? "-" : idText(key))
            : readResource(key);
        Optional<String> refusal = policy.check(actor, op, resource);
        if (refusal.isPresent()) {
          trail.append(new AuditEntry(trail.clock().instant(), actor, op, resource, AuditOutcome.DENIED,
              "AccessDeniedException: " + refusal.get(), "{}"));
          throw new AccessDeniedException(actor.id(), op, refusal.get());
        }
      }
      if (audited != null && approved == null) {
        holdForApproval(audited, op, key, args);
      }
      args = withRequester(op, args);
      if (audited == null || !trail.recording()) {
        return call(method, args);
      }
      if (trail.joint(audited.operation())) {
        return jointly(audited, op, key, method, args);
      }
      Object before = key == null ? null : state(op, key);
      Object result;
      try {
        result = call(method, args);
      } catch (Throwable failure) {
        Object after = key == null ? null : state(op, key);
        String diff = before == NO_STATE ? "{}" : AuditDiff.diff(before, after);
        trail.append(entry(audited, key, outcomeOf(failure), message(failure), diff));
        throw failure;
      }
      if (key == null) {
        key = keyOfResult(result);
      }
      trail.append(entry(audited, key, AuditOutcome.SUCCEEDED, "", successDiff(op, method, args, key, before, result)));
      return result;
    }

    /**
     * Runs the call and appends its record in one transaction (see the class comment): a successful
     * call is stored with its record or not at all.
     */
    private Object jointly(Audited audited, String op, Object argumentKey, Method method, Object[] args)
        throws Throwable {
      AfterCommit.Queue effects = AfterCommit.open();
      Object result;
      try {
        result = trail.inTransaction(() -> {
          Object before = argumentKey == null ? null : state(op, argumentKey);
          Object returned;
          try {
            returned = call(method, args);
          } catch (Throwable failure) {
            throw new CallFailed(failure, before);
          }
          Object key = argumentKey == null ? keyOfResult(returned) : argumentKey;
          trail.appendInTransaction(entry(audited, key, AuditOutcome.SUCCEEDED, "",
              successDiff(op, method, args, key, before, returned)));
          return returned;
        });
      } catch (CallFailed failed) {
        effects.rolledBack();
        // the call's change rolled back; its refusal or failure is recorded on its own
        Throwable failure = failed.getCause();
        Object after = argumentKey == null ? null : state(op, argumentKey);
        String diff = failed.before == NO_STATE ? "{}" : AuditDiff.diff(failed.before, after);
        trail.append(entry(audited, argumentKey, outcomeOf(failure), message(failure), diff));
        throw failure;
      } catch (RuntimeException | Error notStored) {
        effects.rolledBack(); // the record or the commit failed: nothing of the call is stored
        throw notStored;
      }
      effects.committed();
      return result;
    }

    private Object call(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /**
   * Four-eyes approval: when the call is a guarded action, stores it as a pending request, records
   * {@code approvals.request} and throws {@link ApprovalRequiredException} instead of running it.
   */
  private void holdForApproval(Audited audited, String op, Object key, Object[] args) {
    Optional<ApprovalRequest> held;
    try {
      if (trail.recording() && trail.joint("approvals.request")) {
        // the request and its record commit together
        held = trail.inTransaction(() -> {
          Optional<ApprovalRequest> h = fourEyes.hold(actor, op, args);
          h.ifPresent(r -> trail.appendInTransaction(requestEntry(r, args)));
          return h;
        });
      } else {
        held = fourEyes.hold(actor, op, args);
        held.ifPresent(r -> trail.append(requestEntry(r, args)));
      }
    } catch (RuntimeException failure) {
      trail.append(entry(audited, key, outcomeOf(failure), message(failure), "{}"));
      throw failure;
    }
    if (held.isEmpty()) {
      return;
    }
    ApprovalRequest r = held.get();
    throw new ApprovalRequiredException(r.id(), r.action(), op, r.expiresAt(), op + " of " + r.resource().type()
        + (r.resource().id().equals("-") ? "" : " " + r.resource().id()) + " needs a second actor's approval ("
        + r.action() + ": " + r.summary() + "); held as request " + r.id() + " until " + r.expiresAt());
  }

  /**
   * The record of a held call: {@code approvals.request} by the requester, the request as its diff,
   * with the arguments as values rather than their stored JSON text, so that secrets are redacted.
   */
  private AuditEntry requestEntry(ApprovalRequest r, Object[] args) {
    Map<String, Object> request = new java.util.LinkedHashMap<>();
    request.put("id", r.id());
    request.put("action", r.action());
    request.put("operation", r.operation());
    request.put("resource", r.resource());
    request.put("arguments", Arrays.asList(args == null ? new Object[0] : args));
    request.put("summary", r.summary());
    request.put("createdAt", r.createdAt());
    request.put("expiresAt", r.expiresAt());
    return new AuditEntry(trail.clock().instant(), actor, "approvals.request",
        new ResourceRef("approval", r.id().toString()), AuditOutcome.SUCCEEDED, "", AuditDiff.diff(null, request));
  }

  /** A restore started through a view names the view's actor when the request names nobody. */
  private Object[] withRequester(String op, Object[] args) {
    if ((op.equals("restores.restore") || op.equals("restores.start")) && !actor.equals(Actor.application())
        && args != null && args.length > 0 && args[0] instanceof RestoreRequest r
        && r.requestedBy().equals(Actor.application().id())) {
      Object[] copy = args.clone();
      copy[0] = new RestoreRequest(r.point(), r.selection(), r.destination(), r.copyName(), r.conflictPolicy(),
          r.timeout(), actor.id());
      return copy;
    }
    return args;
  }

  /** The failure of a call run in a joint transaction, with the state read before it. */
  private static final class CallFailed extends RuntimeException {
    private final transient Object before;

    CallFailed(Throwable failure, Object before) {
      super(failure);
      this.before = before;
    }
  }

  /** The diff of a successful call: its resource's state before and after, or its result or request. */
  private String successDiff(String op, Method method, Object[] args, Object key, Object before, Object result) {
    Object after = key == null ? NO_STATE : returnsItsState(op, key, result) ? result : state(op, key);
    if (after == NO_STATE) {
      return AuditDiff.diff(null, method.getReturnType() == void.class || result instanceof Boolean
          ? Map.of("request", Arrays.asList(args == null ? new Object[0] : args)) : result);
    }
    return AuditDiff.diff(before == NO_STATE ? null : before, after);
  }

  private AuditEntry entry(Audited audited, Object key, AuditOutcome outcome, String detail, String diff) {
    if (approved != null) {
      detail = approved.detail() + (detail.isEmpty() ? "" : "; " + detail);
    }
    String id = key == null ? "-" : idText(key);
    return new AuditEntry(trail.clock().instant(), actor, audited.operation(),
        new ResourceRef(audited.resource(), id), outcome, detail, diff);
  }

  private static AuditOutcome outcomeOf(Throwable failure) {
    if (failure instanceof AccessDeniedException) {
      return AuditOutcome.DENIED;
    }
    return failure instanceof BmsException && !(failure instanceof StorageException)
        ? AuditOutcome.REFUSED : AuditOutcome.FAILED;
  }

  private static String message(Throwable failure) {
    String m = failure.getMessage();
    String text = (failure.getClass().getSimpleName() + (m == null ? "" : ": " + m)).replace('\u0000', '?');
    return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
  }

  /** The resource key named by the call's arguments, or null when only the result names it. */
  private static Object keyOf(String op, Object[] args) {
    switch (op) {
      case "compliance.setDefaultPolicy":
        return "default";
      case "reports.rebuildRollups":
        return "all";
      case "audit.purge":
        return args[0] == null ? null : "before " + args[0];
      case "alerts.expireSilence":
        return args[0];
      case "executions.runNow", "executions.submit", "executions.begin":
        return null; // the resource is the execution the call creates, named by its result
      default:
        break;
    }
    if (args != null) {
      for (Object a : args) {
        if (a instanceof JobId || a instanceof ExecutionId || a instanceof AlertId || a instanceof RestoreId
            || a instanceof ApprovalId) {
          return a;
        }
      }
    }
    return null;
  }

  /** The resource a read names: the type of its id argument, or the service when it names none. */
  private ResourceRef readResource(Object key) {
    String type = key instanceof JobId ? "job" : key instanceof ExecutionId ? "execution"
        : key instanceof AlertId ? "alert" : key instanceof RestoreId ? "restore"
        : key instanceof ApprovalId ? "approval" : null;
    return type == null ? new ResourceRef("-", "-") : new ResourceRef(type, idText(key));
  }

  /** The resource key in a result: an id, or the {@code id()} of a returned value. */
  private static Object keyOfResult(Object result) {
    if (result == null) {
      return null;
    }
    if (result instanceof JobId || result instanceof RestoreId) {
      return result;
    }
    if (result instanceof Collection<?> c) {
      return "batch of " + c.size();
    }
    if (result instanceof Record r) {
      RecordComponent[] components = r.getClass().getRecordComponents();
      for (RecordComponent c : components) {
        if (c.getName().equals("id")) {
          return component(c, r);
        }
      }
      // a wrapper such as ReportedRun(execution, token): the id of the record it wraps
      for (RecordComponent c : components) {
        if (component(c, r) instanceof Record inner && !(inner instanceof JobId)) {
          Object key = keyOfResult(inner);
          if (key != null) {
            return key;
          }
        }
      }
    }
    return null;
  }

  /**
   * The key as a resource id: an id's value; any other text as given when it is a short line, else
   * as an {@link Inputs#excerpt excerpt} (hostile ids of refused calls are recorded, not stored whole).
   */
  private static Object component(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static String idText(Object key) {
    String text = String.valueOf(key);
    if (key instanceof Record r && r.getClass().getRecordComponents().length == 1) {
      try {
        text = String.valueOf(r.getClass().getRecordComponents()[0].getAccessor().invoke(r));
      } catch (ReflectiveOperationException e) {
        text = String.valueOf(key);
      }
    }
    return text.length() > Inputs.MAX_NAME_LENGTH || Inputs.hasControlCharacter(text) ? Inputs.excerpt(text) : text;
  }

  /**
   * Whether {@code result} is the state of {@code key} after the call, as a read would return it, so
   * that it need not be read again: the job that {@code jobs.update}, {@code enable} and {@code disable}
   * return is the job as stored.
   */
  private static boolean returnsItsState(String op, Object key, Object result) {
    return switch (op) {
      case "jobs.update", "jobs.enable", "jobs.disable" -> result instanceof Job j && j.id().equals(key);
      default -> false;
    };
  }

  /** Marks an operation whose resource has no readable state: its diff is the result or request. */
  private static final Object NO_STATE = new Object();

  /**
   * The state of the resource {@code key} that {@code op} changes, read from the real services (not
   * recorded); null when it does not exist, {@link #NO_STATE} when the operation's resource has no
   * readable state.
   */
  private Object state(String op, Object key) {
    try {
      return switch (op) {
        case "jobs.create", "jobs.update", "jobs.enable", "jobs.disable", "jobs.delete" ->
            !(key instanceof JobId id) ? NO_STATE
                : AfterCommit.deferring() ? trail.storedJob(id).orElse(null) : raw.jobs().get(id).orElse(null);
        case "executions.cancel", "executions.complete", "executions.fail" ->
            key instanceof ExecutionId id ? raw.executions().get(id).orElse(null) : NO_STATE;
        case "alerts.acknowledge", "alerts.resolve" -> key instanceof AlertId id ? raw.alerts().get(id).orElse(null) : NO_STATE;
        case "alerts.expireSilence" -> raw.alerts().silences().stream().filter(s -> s.id().equals(key))
            .findFirst().orElse(null);
        case "compliance.setDefaultPolicy" -> raw.compliance().defaultPolicy();
        case "compliance.setPolicy", "compliance.clearPolicy" ->
            key instanceof JobId id ? raw.compliance().policy(id) : NO_STATE;
        case "verifications.setPolicy", "verifications.clearPolicy" ->
            key instanceof JobId id ? raw.verifications().policy(id).orElse(null) : NO_STATE;
        case "restores.cancel" -> key instanceof RestoreId id ? raw.restores().get(id).orElse(null) : NO_STATE;
        case "approvals.approve", "approvals.reject" ->
            key instanceof ApprovalId id ? fourEyes.stored(id).orElse(null) : NO_STATE;
        default -> NO_STATE;
      };
    } catch (RuntimeException unreadable) {
      return null;
    }
  }
}
