package dev.bms.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.Actor;
import dev.bms.api.ConflictException;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.approval.ApprovalFilter;
import dev.bms.api.approval.ApprovalId;
import dev.bms.api.approval.ApprovalRequest;
import dev.bms.api.approval.ApprovalStatus;
import dev.bms.api.approval.GuardedAction;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.ResourceRef;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.ApprovalStore;
import dev.bms.spi.storage.StorageCapability;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.bms.spi.storage.Storage#approvals()}: requests come back exactly as
 * stored; a decision changes a request only while it is pending at the expected version (and, to
 * approve or reject, not expired), so of many concurrent decisions exactly one wins; the outcome is
 * recorded once; the listing pages newest first and treats pending requests past their expiry as
 * expired. A group of {@link StorageCompatibilityKit}, skipped for a storage without
 * {@code APPROVALS}.
 */
public abstract class ApprovalStoreChecks extends StoreChecks {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
  private static final Actor ALICE = Actor.person("u-alice", "Alice", "admin");
  private static final Actor BOB = Actor.person("u-bob", "Bob", "admin", "auditor");

  @Override
  protected Set<StorageCapability> requires() {
    return EnumSet.of(StorageCapability.APPROVALS);
  }

  private ApprovalStore approvals() {
    return storage.approvals().orElseThrow();
  }

  private static ApprovalRequest request(int minute, Actor requester, String operation) {
    Instant at = T0.plus(Duration.ofMinutes(minute));
    return ApprovalRequest.pending(new ApprovalId(TimeOrderedIds.next()), GuardedAction.DELETE_JOB, operation,
        new ResourceRef("job", "j-" + minute), "[{\"value\":\"" + UUID.randomUUID() + "\"}]",
        "delete job 'payroll \"files\"'", requester, at, at.plus(Duration.ofHours(24)));
  }

  @Test
  void requestsComeBackExactlyAsStored() {
    ApprovalRequest r = request(0, ALICE, "jobs.delete");
    approvals().insert(r);
    assertThat(approvals().get(r.id())).contains(r);
    assertThat(approvals().get(new ApprovalId(UUID.randomUUID()))).isEmpty();
    assertThatThrownBy(() -> approvals().insert(r)).isInstanceOf(ConflictException.class);
  }

  @Test
  void aDecisionChangesAPendingRequestAtItsVersionOnlyAndTheOutcomeIsRecordedOnce() {
    ApprovalRequest r = request(0, ALICE, "jobs.delete");
    approvals().insert(r);
    Instant at = T0.plusSeconds(60);
    assertThat(approvals().decide(r.id(), 2, ApprovalStatus.APPROVED, Optional.of(BOB), at, "ok"))
        .as("wrong version").isFalse();
    assertThat(approvals().recordOutcome(r.id(), AuditOutcome.SUCCEEDED, "")).as("not approved yet").isFalse();
    assertThat(approvals().decide(r.id(), 1, ApprovalStatus.APPROVED, Optional.of(BOB), at, "ok \"fine\"")).isTrue();
    assertThat(approvals().decide(r.id(), 1, ApprovalStatus.REJECTED, Optional.of(BOB), at, "no"))
        .as("decided already").isFalse();
    assertThat(approvals().recordOutcome(r.id(), AuditOutcome.REFUSED, "ConflictException: version")).isTrue();
    assertThat(approvals().recordOutcome(r.id(), AuditOutcome.SUCCEEDED, "")).as("once").isFalse();

    ApprovalRequest stored = approvals().get(r.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(stored.version()).isEqualTo(3);
    assertThat(stored.decidedBy()).contains(BOB);
    assertThat(stored.decidedAt()).contains(at);
    assertThat(stored.comment()).isEqualTo("ok \"fine\"");
    assertThat(stored.outcome()).contains(AuditOutcome.REFUSED);
    assertThat(stored.outcomeDetail()).isEqualTo("ConflictException: version");
    assertThat(stored.arguments()).isEqualTo(r.arguments());
  }

  @Test
  void anExpiredRequestCanOnlyBeMarkedExpired() {
    ApprovalRequest r = request(0, ALICE, "jobs.delete");
    approvals().insert(r);
    Instant late = r.expiresAt();
    assertThat(approvals().decide(r.id(), 1, ApprovalStatus.APPROVED, Optional.of(BOB), late, "")).isFalse();
    assertThat(approvals().decide(r.id(), 1, ApprovalStatus.REJECTED, Optional.of(BOB), late, "")).isFalse();
    assertThat(approvals().decide(r.id(), 1, ApprovalStatus.EXPIRED, Optional.empty(), late, "")).isTrue();
    ApprovalRequest stored = approvals().get(r.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(ApprovalStatus.EXPIRED);
    assertThat(stored.decidedBy()).isEmpty();
  }

  @Test
  void expiringPendingRequestsMovesOnlyThosePastTheirExpiry() {
    ApprovalRequest old = request(0, ALICE, "jobs.delete");
    ApprovalRequest approved = request(1, ALICE, "jobs.delete");
    ApprovalRequest fresh = request(60, ALICE, "jobs.delete");
    approvals().insert(old);
    approvals().insert(approved);
    approvals().insert(fresh);
    assertThat(approvals().decide(approved.id(), 1, ApprovalStatus.APPROVED, Optional.of(BOB), T0.plusSeconds(120), ""))
        .isTrue();
    Instant now = old.expiresAt().plusSeconds(60); // old and approved are past expiry, fresh is not
    assertThat(approvals().expirePending(now)).isEqualTo(1);
    ApprovalRequest expired = approvals().get(old.id()).orElseThrow();
    assertThat(expired.status()).isEqualTo(ApprovalStatus.EXPIRED);
    assertThat(expired.version()).isEqualTo(2);
    assertThat(expired.decidedBy()).isEmpty();
    assertThat(approvals().get(approved.id()).orElseThrow().status()).as("decided before: left alone")
        .isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approvals().get(fresh.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(approvals().decide(old.id(), 1, ApprovalStatus.EXPIRED, Optional.empty(), now, "")).isFalse();
    assertThat(approvals().expirePending(now)).as("nothing left to move").isZero();
  }

  @Test
  void ofConcurrentDecisionsExactlyOneWins() throws Exception {
    ApprovalRequest r = request(0, ALICE, "jobs.delete");
    approvals().insert(r);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier together = new CyclicBarrier(threads);
      List<Future<Boolean>> wins = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Actor who = Actor.person("u-" + i, "Approver " + i, "admin");
        wins.add(pool.submit(() -> {
          together.await();
          return approvals().decide(r.id(), 1, ApprovalStatus.APPROVED, Optional.of(who), T0.plusSeconds(1), "");
        }));
      }
      int won = 0;
      for (Future<Boolean> w : wins) {
        won += w.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(approvals().get(r.id()).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void theListingPagesNewestFirstFiltersAndSeesExpiry() {
    List<ApprovalRequest> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ApprovalRequest r = request(i, i % 2 == 0 ? ALICE : BOB, i < 4 ? "jobs.delete" : "retention.apply");
      approvals().insert(r);
      made.add(r);
    }
    Instant now = T0.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(2)); // the first three have expired
    List<ApprovalId> seen = new ArrayList<>();
    PageRequest page = PageRequest.first(2);
    while (page != null) {
      Page<ApprovalRequest> p = approvals().list(ApprovalFilter.all(), now, page);
      p.items().forEach(r -> seen.add(r.id()));
      page = p.next(2).orElse(null);
    }
    assertThat(seen).containsExactly(made.get(4).id(), made.get(3).id(), made.get(2).id(), made.get(1).id(),
        made.get(0).id());
    assertThat(ids(approvals().list(ApprovalFilter.pending(), now, PageRequest.first(10))))
        .containsExactly(made.get(4).id(), made.get(3).id());
    assertThat(ids(approvals().list(ApprovalFilter.all().withStatus(ApprovalStatus.EXPIRED), now,
        PageRequest.first(10)))).containsExactly(made.get(2).id(), made.get(1).id(), made.get(0).id());
    assertThat(ids(approvals().list(ApprovalFilter.all().withRequester("u-bob"), now, PageRequest.first(10))))
        .containsExactly(made.get(3).id(), made.get(1).id());
    assertThat(ids(approvals().list(ApprovalFilter.all().withOperation("retention.apply"), now,
        PageRequest.first(10)))).containsExactly(made.get(4).id());
    approvals().decide(made.get(3).id(), 1, ApprovalStatus.REJECTED, Optional.of(ALICE), now, "no");
    assertThat(ids(approvals().list(ApprovalFilter.all().withStatus(ApprovalStatus.REJECTED), now,
        PageRequest.first(10)))).containsExactly(made.get(3).id());
    assertThatThrownBy(() -> approvals().list(ApprovalFilter.all(), now, PageRequest.after("bm90IGEgY3Vyc29y", 10)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cursor");
  }

  private static List<ApprovalId> ids(Page<ApprovalRequest> page) {
    return page.items().stream().map(ApprovalRequest::id).toList();
  }
}
