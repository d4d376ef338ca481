package dev.bms.core.internal.retention;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.RetentionDecision;
import dev.bms.api.model.RetentionDecision.Verdict;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.spi.storage.RetentionStore.StoredRestorePoint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies a {@link RetentionPolicy} to the restore points of one copy, restic-style: a point is kept
 * if any rule keeps it; {@code keepLast} keeps the newest N; daily/weekly/monthly/yearly keep the
 * newest point of each of the N newest days/ISO weeks/months/years that have one (in the job's time
 * zone); {@code keepWithin} keeps everything younger than the duration. What no rule keeps expires,
 * except the protected restore point (the last verified good one) and copies still immutable.
 */
final class RetentionEvaluator {
  private RetentionEvaluator() {
  }

  /**
   * Decides for the points of one copy.
   *
   * @param points one copy's restore points, newest first
   */
  static List<RetentionDecision> decide(RetentionPolicy policy, List<StoredRestorePoint> points, Instant now,
                                        ZoneId zone, Optional<ExecutionId> protectedPoint) {
    Map<StoredRestorePoint, String> kept = new LinkedHashMap<>();
    if (policy.keepsForever()) {
      points.forEach(p -> kept.put(p, "forever: the policy keeps every restore point"));
    } else {
      for (int i = 0; i < Math.min(policy.keepLast(), points.size()); i++) {
        kept.putIfAbsent(points.get(i), "keepLast=" + policy.keepLast() + ": among the newest " + policy.keepLast());
      }
      bucket(points, policy.daily(), "daily", p -> LocalDate.ofInstant(p.createdAt(), zone).toString(), kept);
      bucket(points, policy.weekly(), "weekly", p -> {
        LocalDate d = LocalDate.ofInstant(p.createdAt(), zone);
        return d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      }, kept);
      bucket(points, policy.monthly(), "monthly", p -> LocalDate.ofInstant(p.createdAt(), zone).toString().substring(0, 7), kept);
      bucket(points, policy.yearly(), "yearly", p -> String.valueOf(LocalDate.ofInstant(p.createdAt(), zone).getYear()), kept);
      if (!policy.keepWithin().isZero()) {
        Instant cutoff = now.minus(policy.keepWithin());
        for (StoredRestorePoint p : points) {
          if (p.createdAt().isAfter(cutoff)) {
            kept.putIfAbsent(p, "keepWithin=" + policy.keepWithin() + ": younger than " + cutoff);
          }
        }
      }
    }
    String expiry = "expired: no rule of " + describe(policy) + " keeps it";
    List<RetentionDecision> decisions = new ArrayList<>();
    for (StoredRestorePoint p : points) {
      Verdict verdict;
      String reason;
      if (kept.containsKey(p)) {
        verdict = Verdict.KEEP;
        reason = kept.get(p);
      } else if (protectedPoint.isPresent() && protectedPoint.get().equals(p.executionId())) {
        verdict = Verdict.PROTECTED;
        reason = expiry + ", but it is the job's last verified good restore point";
      } else if (p.copy().immutableUntil().filter(until -> until.isAfter(now)).isPresent()) {
        verdict = Verdict.LOCKED;
        reason = expiry + ", but it is immutable until " + p.copy().immutableUntil().get();
      } else {
        verdict = Verdict.DELETE;
        reason = expiry;
      }
      decisions.add(new RetentionDecision(p.executionId(), p.copy().copyName(), p.copy().targetType(),
          p.copy().location(), p.createdAt(), verdict, reason));
    }
    return decisions;
  }

  private static void bucket(List<StoredRestorePoint> points, int count, String rule,
                             Function<StoredRestorePoint, String> key, Map<StoredRestorePoint, String> kept) {
    if (count <= 0) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (StoredRestorePoint p : points) {
      String k = key.apply(p);
      if (seen.contains(k)) {
        continue;
      }
      if (seen.size() == count) {
        return;
      }
      seen.add(k);
      kept.putIfAbsent(p, rule + "=" + count + ": newest of " + k);
    }
  }

  /** The policy's non-zero rules, e.g. {@code {keepLast=3, daily=7}}. */
  static String describe(RetentionPolicy p) {
    List<String> rules = new ArrayList<>();
    if (p.keepLast() > 0) {
      rules.add("keepLast=" + p.keepLast());
    }
    if (p.daily() > 0) {
      rules.add("daily=" + p.daily());
    }
    if (p.weekly() > 0) {
      rules.add("weekly=" + p.weekly());
    }
    if (p.monthly() > 0) {
      rules.add("monthly=" + p.monthly());
    }
    if (p.yearly() > 0) {
      rules.add("yearly=" + p.yearly());
    }
    if (!p.keepWithin().isZero()) {
      rules.add("keepWithin=" + p.keepWithin());
    }
    return "{" + String.join(", ", rules) + "}";
  }
}
