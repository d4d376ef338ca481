package dev.bms.core.internal.compliance;

import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.ImmutabilityPolicy;
import dev.bms.api.model.RuleResult;
import dev.bms.spi.ComplianceFacts;
import dev.bms.spi.ComplianceRule;
import dev.bms.spi.CopyFacts;
import dev.bms.spi.LockProof;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "1 immutable (or air-gapped)". A copy counts as immutable only when its retention lock was read
 * back from the medium and still holds (and, under the {@code ENFORCED_*} policies, when the medium
 * enforces it against its administrator); configuration claims never count. A copy counts as
 * air-gapped when its target declares itself offline. A copy that claims a lock bms could not
 * prove makes the rule UNKNOWN when the lock was never read back, and FAIL when it was read back
 * and found missing or expired; it never passes.
 */
final class ImmutableRule implements ComplianceRule {
  @Override
  public String id() {
    return Rules.IMMUTABLE;
  }

  @Override
  public String label() {
    return "1 Immutable";
  }

  @Override
  public RuleResult evaluate(ComplianceFacts facts) {
    CopyScope scope = CopyScope.of(facts);
    if (scope.problem().isPresent()) {
      return Rules.outOfScope(id(), scope);
    }
    ImmutabilityPolicy policy = facts.policy().immutability();
    boolean locksCount = policy.locksCount();
    boolean offlineCounts = policy.offlineCounts();
    boolean enforcedOnly = policy.requiresEnforcedLock();
    List<String> counted = new ArrayList<>();
    List<String> why = new ArrayList<>();
    List<String> unproven = new ArrayList<>();
    List<String> unprovenWhy = new ArrayList<>();
    boolean neverReadBack = false;
    for (CopyFacts c : scope.copies()) {
      Optional<LockProof> lock = c.lock();
      boolean proven = lock.isPresent() && lock.get().holdsAt(facts.now());
      boolean advisoryOnly = proven && enforcedOnly && !lock.get().enforcedAt(facts.now());
      if (locksCount && proven && !advisoryOnly) {
        counted.add(c.copyName());
        why.add(c.copyName() + " (" + lock.get().enforcement().name().toLowerCase(java.util.Locale.ROOT)
            + " lock read back " + lock.get().checkedAt() + ", holds until " + lock.get().lockedUntil().get() + ")");
      } else if (offlineCounts && c.offline()) {
        counted.add(c.copyName());
        why.add(c.copyName() + " (target declares it air-gapped)");
      } else if (locksCount && (c.claimsImmutable() || lock.isPresent())) {
        if (advisoryOnly) {
          unproven.add(c.copyName());
          unprovenWhy.add(c.copyName() + "'s lock (read back " + lock.get().checkedAt() + ", holds until "
              + lock.get().lockedUntil().get() + ") is advisory; " + policy + " requires an enforced lock");
        } else if (lock.isEmpty()) {
          if (c.claimsImmutable()) {
            neverReadBack = true;
            unproven.add(c.copyName());
            unprovenWhy.add(c.copyName() + " claims a lock that was never read back from the medium");
          }
        } else if (lock.get().lockedUntil().isEmpty()) {
          unproven.add(c.copyName());
          unprovenWhy.add(c.copyName() + " claims a lock but the medium reported none at " + lock.get().checkedAt());
        } else {
          unproven.add(c.copyName());
          unprovenWhy.add(c.copyName() + "'s lock read back at " + lock.get().checkedAt() + " expired at "
              + lock.get().lockedUntil().get());
        }
      }
    }
    int required = facts.policy().minImmutable();
    String reason = counted.size() + " copies count under " + policy + " (" + Rules.list(why) + ") of "
        + scope.restorePoint() + "; the policy requires " + required
        + (unprovenWhy.isEmpty() ? "" : "; not counted: " + String.join("; ", unprovenWhy));
    if (counted.size() >= required) {
      return new RuleResult(id(), ComplianceStatus.PASS, reason, counted, unproven);
    }
    return new RuleResult(id(), neverReadBack ? ComplianceStatus.UNKNOWN : ComplianceStatus.FAIL, reason, counted, unproven);
  }
}
