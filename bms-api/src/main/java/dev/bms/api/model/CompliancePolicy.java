package dev.bms.api.model;

import dev.bms.api.InvalidRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The thresholds one job (or, as the global default, every job) is judged against by the built-in
 * 3-2-1-1-0 rules. {@link #defaults()} is the classic rule; see {@code docs/compliance.md} for
 * exactly which facts each threshold reads.
 *
 * @param minCopies the "3": successful copies of the newest restore point (plus production data
 *     when {@code countProductionData})
 * @param countProductionData whether the production data counts as one copy towards {@code minCopies}
 *     (never towards media, offsite or immutable: bms knows nothing about the production medium)
 * @param minMediaTypes the "2": distinct media types among the counted copies
 * @param distinctFailureDomains whether the copies counted for {@code minMediaTypes} must also be in
 *     pairwise distinct failure domains (two disks on one network share their risks)
 * @param minOffsite the first "1": offsite copies (declared by the copy or by its target)
 * @param minImmutable the second "1": immutable or air-gapped copies, as {@code immutability} says
 * @param immutability which copies count towards {@code minImmutable}
 * @param verificationLevel the "0": the weakest verification that counts; {@link VerificationLevel#CHECKSUM}
 *     accepts checksum verifications and restore tests, {@link VerificationLevel#RESTORE_TEST} only restore tests
 * @param verificationWindow how recent the last verification at that level must be
 * @param restorePointMaxAge how old the newest restore point may be for its copies to count; empty
 *     means the job's RPO when it has one, otherwise any age
 * @since 0.1.0
 */
public record CompliancePolicy(
    int minCopies,
    boolean countProductionData,
    int minMediaTypes,
    boolean distinctFailureDomains,
    int minOffsite,
    int minImmutable,
    ImmutabilityPolicy immutability,
    VerificationLevel verificationLevel,
    Duration verificationWindow,
    Optional<Duration> restorePointMaxAge) {

  private static final CompliancePolicy DEFAULTS = new CompliancePolicy(3, false, 2, false, 1, 1,
      ImmutabilityPolicy.IMMUTABLE_OR_OFFLINE, VerificationLevel.CHECKSUM, Duration.ofDays(7), Optional.empty());

  public CompliancePolicy {
    Inputs.requireArgument("immutability", immutability);
    Inputs.requireArgument("verificationLevel", verificationLevel);
    Inputs.requireArgument("verificationWindow", verificationWindow);
    Inputs.requireArgument("restorePointMaxAge", restorePointMaxAge);
    List<String> problems = new ArrayList<>();
    checkCount(problems, "minCopies", minCopies);
    checkCount(problems, "minMediaTypes", minMediaTypes);
    checkCount(problems, "minOffsite", minOffsite);
    checkCount(problems, "minImmutable", minImmutable);
    if (verificationWindow.isNegative() || verificationWindow.isZero()) {
      problems.add("verificationWindow: " + verificationWindow + " must be positive");
    }
    restorePointMaxAge.filter(d -> d.isNegative() || d.isZero())
        .ifPresent(d -> problems.add("restorePointMaxAge: " + d + " must be positive"));
    if (!problems.isEmpty()) {
      throw new InvalidRequestException("compliance policy: " + String.join("; ", problems));
    }
  }

  private static void checkCount(List<String> problems, String field, int value) {
    if (value < 0 || value > 100) {
      problems.add(field + ": " + value + " must be between 0 and 100");
    }
  }

  /** 3 copies, 2 media types, 1 offsite, 1 immutable or offline, 0 errors by checksum within 7 days. */
  public static CompliancePolicy defaults() {
    return DEFAULTS;
  }

  public CompliancePolicy withMinCopies(int n) {
    return new CompliancePolicy(n, countProductionData, minMediaTypes, distinctFailureDomains, minOffsite, minImmutable,
        immutability, verificationLevel, verificationWindow, restorePointMaxAge);
  }

  public CompliancePolicy withCountProductionData(boolean count) {
    return new CompliancePolicy(minCopies, count, minMediaTypes, distinctFailureDomains, minOffsite, minImmutable,
        immutability, verificationLevel, verificationWindow, restorePointMaxAge);
  }

  public CompliancePolicy withMinMediaTypes(int n) {
    return new CompliancePolicy(minCopies, countProductionData, n, distinctFailureDomains, minOffsite, minImmutable,
        immutability, verificationLevel, verificationWindow, restorePointMaxAge);
  }

  public CompliancePolicy withDistinctFailureDomains(boolean distinct) {
    return new CompliancePolicy(minCopies, countProductionData, minMediaTypes, distinct, minOffsite, minImmutable,
        immutability, verificationLevel, verificationWindow, restorePointMaxAge);
  }

  public CompliancePolicy withMinOffsite(int n) {
    return new CompliancePolicy(minCopies, countProductionData, minMediaTypes, distinctFailureDomains, n, minImmutable,
        immutability, verificationLevel, verificationWindow, restorePointMaxAge);
  }

  public CompliancePolicy withMinImmutable(int n) {
    return new CompliancePolicy(minCopies, countProductionData, minMediaTypes, distinctFailureDomains, minOffsite, n,
        immutability, verificationLevel, verificationWindow, restorePointMaxAge);
  }

  public CompliancePolicy withImmutability(ImmutabilityPolicy policy) {
    return new CompliancePolicy(minCopies, countProductionData, minMediaTypes, distinctFailureDomains, minOffsite,
        minImmutable, policy, verificationLevel, verificationWindow, restorePointMaxAge);
  }

  public CompliancePolicy withVerification(VerificationLevel level, Duration window) {
    return new CompliancePolicy(minCopies, countProductionData, minMediaTypes, distinctFailureDomains, minOffsite,
        minImmutable, immutability, level, window, restorePointMaxAge);
  }

  public CompliancePolicy withRestorePointMaxAge(Duration maxAge) {
    return new CompliancePolicy(minCopies, countProductionData, minMediaTypes, distinctFailureDomains, minOffsite,
        minImmutable, immutability, verificationLevel, verificationWindow, Optional.of(maxAge));
  }
}
