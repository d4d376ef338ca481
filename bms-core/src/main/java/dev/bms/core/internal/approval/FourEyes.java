package dev.bms.core.internal.approval;

import dev.bms.api.AccessDeniedException;
import dev.bms.api.Actor;
import dev.bms.api.ApprovalExpiredException;
import dev.bms.api.BackupServices;
import dev.bms.api.BmsException;
import dev.bms.api.CapabilityMissingException;
import dev.bms.api.ConflictException;
import dev.bms.api.JobService;
import dev.bms.api.NotFoundException;
import dev.bms.api.RetentionService;
import dev.bms.api.SelfApprovalException;
import dev.bms.api.StorageException;
import dev.bms.api.VerificationService;
import dev.bms.api.approval.ApprovalFilter;
import dev.bms.api.approval.ApprovalId;
import dev.bms.api.approval.ApprovalRequest;
import dev.bms.api.approval.ApprovalService;
import dev.bms.api.approval.ApprovalStatus;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.Audited;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.core.internal.Ids;
import dev.bms.core.internal.Lifecycle;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.AccessPolicy;
import dev.bms.spi.storage.ApprovalStore;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageCapability;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Four-eyes approval: holds guarded calls as pending requests, and decides them. A held call is
 * stored as its operation and its arguments (JSON, {@link ArgumentCodec}); approving it moves the
 * request from PENDING to APPROVED with a conditional update (only one of several instances
 * approving at once wins) and then calls the same service method once, through a view of the
 * requester that skips the guard and names the approver in the call's audit record.
 *
 * <p>{@link Actor#system()} and {@link Actor#application()} are never held: bms's own work, and calls
 * the embedding application makes directly on the manager, which holds bms's database anyway.
 */
@Singleton
public final class FourEyes {
  private static final Logger log = LoggerFactory.getLogger(FourEyes.class);

  /** Makes the view an approved call runs through. */
  @FunctionalInterface
  public interface RunAs {
    /** The services as {@code requester}, unguarded, each audit record naming {@code approver}. */
    BackupServices approved(Actor requester, ApprovalId request, Actor approver);
  }

  private final Optional<FourEyesGuard> guard;
  private final Optional<java.time.Duration> expiry;
  private final Storage storage;
  private final Lifecycle lifecycle;
  private final Clock clock;
  private final Ids ids;
  private final AccessPolicy access;
  private final MeterRegistry meters;
  private volatile RunAs runAs;

  @Inject
  public FourEyes(FourEyesSettings settings, Storage storage, Lifecycle lifecycle, Clock clock, Ids ids,
                  AccessPolicy access, JobService jobs, RetentionService retention, VerificationService verifications,
                  PluginRegistry plugins, MeterRegistry meters, dev.bms.api.alert.AnomalyPolicy anomalies) {
    this.meters = meters;
    this.guard = settings.policy().map(p -> new FourEyesGuard(p, jobs, retention, verifications, plugins, clock,
        id -> storage.alerts().find(id), anomalies.pauseRetentionOnRansomware()));
    this.expiry = settings.policy().map(p -> p.expiry());
    this.storage = storage;
    this.lifecycle = lifecycle;
    this.clock = clock;
    this.ids = ids;
    this.access = access;
  }

  /** Sets how approved calls are run; the manager calls it once, while it is built. */
  public void bind(RunAs runAs) {
    this.runAs = Objects.requireNonNull(runAs, "runAs");
  }

  /** Whether calls are held at all. */
  public boolean enabled() {
    return guard.isPresent();
  }

  /** The approval service as seen by {@code actor}, the decider. */
  public ApprovalService serviceFor(Actor actor) {
    return new DefaultApprovalService(this, actor);
  }

  /**
   * Holds the call when four-eyes approval is on, {@code actor} is held at all, and the call is one
   * of the policy's guarded actions: stores a pending request and returns it. Empty: run the call.
   */
  public Optional<ApprovalRequest> hold(Actor actor, String operation, Object[] args) {
    if (guard.isEmpty() || actor.kind() == Actor.Kind.SYSTEM || actor.equals(Actor.application())) {
      return Optional.empty();
    }
    Optional<Hold> hold = guard.get().check(operation, args);
    if (hold.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    ApprovalRequest request = ApprovalRequest.pending(new ApprovalId(ids.next()), hold.get().action(), operation,
        hold.get().resource(), ArgumentCodec.encode(args), hold.get().summary(), actor, now, now.plus(expiry.get()));
    store().insert(request);
    count("held");
    log.info("Held {} of {} {} by {} for approval: request {} ({})", operation, request.resource().type(),
        request.resource().id(), actor.id(), request.id(), request.summary());
    return Optional.of(request);
  }

  /** The stored request, for the audit trail's before/after (no lifecycle check, no expiry view). */
  public Optional<ApprovalRequest> stored(ApprovalId id) {
    return storage.approvals().flatMap(s -> s.get(id));
  }

  ApprovalStore store() {
    lifecycle.requireRunning();
    return storage.approvals().orElseThrow(() -> new CapabilityMissingException(StorageCapability.APPROVALS,
        "This call needs the approvals capability, which storage " + storage.describe() + " does not have"));
  }

  Instant now() {
    return clock.instant();
  }

  Page<ApprovalRequest> list(ApprovalFilter filter, PageRequest page) {
    ApprovalStore store = store();
    Instant now = clock.instant();
    return store.list(filter, now, page).map(r -> r.asOf(now));
  }

  Optional<ApprovalRequest> get(ApprovalId id) {
    ApprovalStore store = store();
    Instant now = clock.instant();
    return store.get(id).map(r -> r.asOf(now));
  }

  ApprovalRequest approve(Actor approver, ApprovalId id, String comment) {
    ApprovalStore store = store();
    ApprovalRequest r = pending(store, id);
    if (r.requester().id().equals(approver.id())) {
      throw new SelfApprovalException("approval request " + id + ": '" + approver.id()
          + "' made it and may not approve it; four-eyes approval needs a different actor");
    }
    if (approver.kind() != Actor.Kind.SYSTEM) {
      Optional<String> refusal = access.check(approver, r.operation(), r.resource());
      if (refusal.isPresent()) {
        throw new AccessDeniedException(approver.id(), r.operation(), "may not approve " + r.operation()
            + ", which it could not make itself: " + refusal.get());
      }
    }
    if (!store.decide(id, r.version(), ApprovalStatus.APPROVED, Optional.of(approver), clock.instant(), comment)) {
      throw decidedMeanwhile(store, id);
    }
    count("approved");
    AuditOutcome outcome = AuditOutcome.SUCCEEDED;
    String detail = "";
    try {
      run(r, approver);
    } catch (Throwable failure) {
      outcome = failure instanceof AccessDeniedException ? AuditOutcome.DENIED
          : failure instanceof BmsException && !(failure instanceof StorageException) ? AuditOutcome.REFUSED
          : AuditOutcome.FAILED;
      String m = failure.getMessage();
      detail = failure.getClass().getSimpleName() + (m == null ? "" : ": " + m);
      detail = detail.length() > 2000 ? detail.substring(0, 2000) + "..." : detail;
      log.warn("Approved request {} ({} of {} {}) ended {}: {}", id, r.operation(), r.resource().type(),
          r.resource().id(), outcome, detail);
      if (failure instanceof Error e) {
        store.recordOutcome(id, outcome, detail);
        throw e;
      }
    }
    store.recordOutcome(id, outcome, detail);
    return store.get(id).orElseThrow(() -> new NotFoundException("No approval request with id " + id));
  }

  ApprovalRequest reject(Actor decider, ApprovalId id, String reason) {
    ApprovalStore store = store();
    ApprovalRequest r = pending(store, id);
    if (!store.decide(id, r.version(), ApprovalStatus.REJECTED, Optional.of(decider), clock.instant(), reason)) {
      throw decidedMeanwhile(store, id);
    }
    count("rejected");
    return store.get(id).orElseThrow(() -> new NotFoundException("No approval request with id " + id));
  }

  /** The request, if it is still pending; an expired one is stored as EXPIRED and refused. */
  private ApprovalRequest pending(ApprovalStore store, ApprovalId id) {
    ApprovalRequest r = store.get(id).orElseThrow(() -> new NotFoundException("No approval request with id " + id));
    Instant now = clock.instant();
    if (r.status() != ApprovalStatus.PENDING) {
      throw new ConflictException("approval request " + id + " is already " + r.status());
    }
    if (!now.isBefore(r.expiresAt())) {
      if (store.decide(id, r.version(), ApprovalStatus.EXPIRED, Optional.empty(), now, "")) {
        count("expired");
      }
      throw new ApprovalExpiredException("approval request " + id + " expired at " + r.expiresAt()
          + "; its call will not run (make the call again to request approval anew)");
    }
    return r;
  }

  /** Counts a step of a request's life in {@code bms.approvals}, tagged {@code event}. */
  private void count(String event) {
    Counter.builder("bms.approvals").description("Four-eyes approval requests held, approved, rejected, expired")
        .tag("event", event).register(meters).increment();
  }

  private RuntimeException decidedMeanwhile(ApprovalStore store, ApprovalId id) {
    ApprovalRequest now = store.get(id).orElseThrow(() -> new NotFoundException("No approval request with id " + id));
    if (now.status() == ApprovalStatus.PENDING) {
      return new ApprovalExpiredException("approval request " + id + " expired at " + now.expiresAt());
    }
    return new ConflictException("approval request " + id + " was " + now.status() + " meanwhile by "
        + now.decidedBy().map(Actor::id).orElse("expiry"));
  }

  /** Calls the held method once, as the requester, through a view naming the approver. */
  private void run(ApprovalRequest r, Actor approver) throws Throwable {
    RunAs views = Objects.requireNonNull(runAs, "runAs not bound");
    BackupServices view = views.approved(r.requester(), r.id(), approver);
    String service = r.operation().substring(0, r.operation().indexOf('.'));
    Method accessor = BackupServices.class.getMethod(service);
    Method method = methodOf(accessor.getReturnType(), r.operation());
    Object[] args = ArgumentCodec.decode(method, r.arguments());
    try {
      method.invoke(accessor.invoke(view), args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Method methodOf(Class<?> service, String operation) {
    for (Method m : service.getMethods()) {
      Audited a = m.getAnnotation(Audited.class);
      if (a != null && a.operation().equals(operation)) {
        return m;
      }
    }
    throw new IllegalStateException("no service method makes operation " + operation);
  }
}
