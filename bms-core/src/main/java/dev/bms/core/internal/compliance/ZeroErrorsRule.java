package dev.bms.core.internal.compliance;

import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.CopyVerification;
import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.RuleResult;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationLevel;
import dev.bms.spi.ComplianceFacts;
import dev.bms.spi.ComplianceRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * "0 errors": read from stored verification evidence. FAIL while the newest verification (any level)
 * or the newest one at the required level failed, naming copies and files; FAIL when the newest one
 * at the required level is older than the window; UNKNOWN when the job was never verified at that
 * level; PASS otherwise.
 */
final class ZeroErrorsRule implements ComplianceRule {
  private static final int FILES_NAMED = 5;

  @Override
  public String id() {
    return Rules.ZERO_ERRORS;
  }

  @Override
  public String label() {
    return "0 Errors";
  }

  @Override
  public RuleResult evaluate(ComplianceFacts facts) {
    VerificationLevel required = facts.policy().verificationLevel();
    Optional<VerificationEvidence> newest = facts.latestVerification();
    if (newest.isEmpty()) {
      return new RuleResult(id(), ComplianceStatus.UNKNOWN, "the job was never verified", List.of());
    }
    if (!newest.get().passed()) {
      return failed(newest.get());
    }
    Optional<VerificationEvidence> qualifying = facts.latestVerifications().values().stream()
        .filter(v -> required == VerificationLevel.CHECKSUM || v.verification().level() == VerificationLevel.RESTORE_TEST)
        .max(Comparator.comparing(v -> v.verification().finishedAt()));
    if (qualifying.isEmpty()) {
      return new RuleResult(id(), ComplianceStatus.UNKNOWN, "the job was never verified by " + required
          + " (newest verification: " + describe(newest.get()) + ")", List.of());
    }
    VerificationEvidence v = qualifying.get();
    if (!v.passed()) {
      return failed(v);
    }
    Instant oldest = facts.now().minus(facts.policy().verificationWindow());
    if (v.verification().finishedAt().isBefore(oldest)) {
      return new RuleResult(id(), ComplianceStatus.FAIL, "the newest " + required + "-level verification, "
          + describe(v) + ", is older than the window " + facts.policy().verificationWindow(), copies(v));
    }
    return new RuleResult(id(), ComplianceStatus.PASS, describe(v) + " passed within the window "
        + facts.policy().verificationWindow(), copies(v));
  }

  private RuleResult failed(VerificationEvidence v) {
    List<String> problems = new ArrayList<>();
    for (CopyVerification c : v.verification().copies()) {
      c.error().ifPresent(e -> problems.add("copy " + c.copyName() + " could not be checked: " + e));
      List<IntegrityProblem> found = c.report().problems();
      if (!found.isEmpty()) {
        String files = found.stream().limit(FILES_NAMED).map(p -> p.path() + " " + p.kind()).toList().toString();
        problems.add("copy " + c.copyName() + ": " + found.size() + " bad files " + files);
      }
    }
    if (v.verification().copies().isEmpty()) {
      problems.add("no copy could be checked");
    }
    return new RuleResult(id(), ComplianceStatus.FAIL, describe(v) + " failed: " + String.join("; ", problems)
        + "; FAIL until a later verification passes", copies(v));
  }

  private static List<String> copies(VerificationEvidence v) {
    return v.verification().copies().stream().map(CopyVerification::copyName).toList();
  }

  private static String describe(VerificationEvidence e) {
    Verification v = e.verification();
    return v.level() + " of restore point " + v.executionId() + " at " + v.finishedAt()
        + (e.sample().full() ? "" : " (sample slice " + (e.sample().slice() + 1) + " of " + e.sample().of() + ")");
  }
}
