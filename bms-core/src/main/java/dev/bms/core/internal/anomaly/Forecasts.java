package dev.bms.core.internal.anomaly;

import dev.bms.api.alert.Finding;
import dev.bms.api.alert.FindingKind;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Forecasts from a job's baseline, made when one of its executions finished (pure: no storage, no
 * clock; the baseline has already learned the execution):
 * <ul>
 *   <li>duration trend: the Theil–Sen slope of the recent durations (log scale, against the start
 *       day) projects when the longer runs (the 90th percentile of the detrended values) reach the
 *       job's limit (timeout, backup window, or the interval between runs);</li>
 *   <li>success-rate drift: the last {@value #DRIFT_RECENT} outcomes against the up to 50 before
 *       them, of the job and of its copies per target;</li>
 *   <li>RPO at risk: the next expected success (next fire + typical duration, or one interval later
 *       if the next run fails too) against the last success + RPO;</li>
 *   <li>target space: the Theil–Sen slope of a target's sampled free space projects when it reaches 0.</li>
 * </ul>
 * A trend counts only when it is consistent: at least {@value #MIN_AGREEMENT} of Kendall's tau over
 * the pairs of samples. The horizon of the trends is {@value #HORIZON_DAYS} days.
 */
final class Forecasts {
  static final double HORIZON_DAYS = 30;
  /** Kendall's tau the pairs must reach for a trend to count (1: every later value is larger). */
  static final double MIN_AGREEMENT = 0.3;
  static final int TREND_MIN_RUNS = 10;
  static final double TREND_MIN_SPAN_DAYS = 7;
  /** The share of the detrended durations the limit is compared with: the longer runs reach it first. */
  static final double TREND_LEVEL_QUANTILE = 0.9;
  static final int DRIFT_RECENT = 10;
  static final int DRIFT_MIN_BEFORE = 30;
  static final int DRIFT_MIN_FAILURES = 3;
  /** Percent points the recent success rate must be below the earlier one. */
  static final double DRIFT_MIN_DROP = 0.2;
  /** The most probable, given the earlier failure rate, that as many recent runs failed by chance. */
  static final double DRIFT_MAX_P = 0.001;
  static final int SPACE_MIN_SAMPLES = 5;
  static final double SPACE_MIN_SPAN_DAYS = 2;

  /**
   * What the job's definition says about its limits, for one evaluation.
   *
   * @param limit the longest a run may take: the smallest of the timeout, the backup window and the
   *     interval between runs; empty when the job has none of them
   * @param limitName how to say it, e.g. "4 h backup window"
   * @param rpo the job's RPO
   * @param nextFire the next scheduled run after the execution finished (empty: manual schedule)
   * @param fireAfterNext the scheduled run after that
   */
  record Terms(Optional<Duration> limit, String limitName, Optional<Duration> rpo, Optional<Instant> nextFire,
               Optional<Instant> fireAfterNext) {
    static final Terms NONE = new Terms(Optional.empty(), "", Optional.empty(), Optional.empty(), Optional.empty());
  }

  private Forecasts() {
  }

  /**
   * Adds the forecasts after an execution that finished at {@code now}: to {@code judged} the kinds
   * (and to {@code subjects} the targets) that could be judged, to {@code out} what was found.
   *
   * @param success whether the execution produced a restore point (the duration trend and the space
   *     forecast move only with successful runs)
   * @param targets the targets the job writes to now
   */
  static void evaluate(Baseline b, JobId job, ExecutionId run, Instant now, boolean success, Terms terms,
                       Collection<String> targets, Set<FindingKind> judged, Map<FindingKind, Set<String>> subjects,
                       List<Finding> out) {
    if (success) {
      durationTrend(b, job, run, terms, judged, out);
    }
    drift(b.outcomes(), job, run, "", "", judged, subjects, out);
    for (String target : targets) {
      String bits = b.copyOutcomes().get(target);
      if (bits != null) {
        drift(bits, job, run, target, "copies to " + target, judged, subjects, out);
      }
    }
    rpoAtRisk(b, job, run, now, terms, judged, out);
    if (success) {
      for (String target : targets) {
        Baseline.Space s = b.space().get(target);
        if (s != null) {
          space(s, job, run, target, judged, subjects, out);
        }
      }
    }
  }

  private static void durationTrend(Baseline b, JobId job, ExecutionId run, Terms terms, Set<FindingKind> judged,
                                    List<Finding> out) {
    if (terms.limit().isEmpty()) {
      return;
    }
    double[] y = b.recent(Metric.DURATION).values();
    double[] x = b.recent(Metric.DAY).values();
    int n = Math.min(x.length, y.length);
    // the two windows are filled together; an older baseline may have fewer days than durations
    x = Arrays.copyOfRange(x, x.length - n, x.length);
    y = Arrays.copyOfRange(y, y.length - n, y.length);
    if (n < TREND_MIN_RUNS || x[n - 1] - x[0] < TREND_MIN_SPAN_DAYS) {
      return;
    }
    judged.add(FindingKind.DURATION_TREND);
    Trend t = Trend.of(x, y);
    if (!(t.slope > 0) || t.tau < MIN_AGREEMENT) {
      return;
    }
    double[] residuals = new double[n];
    for (int i = 0; i < n; i++) {
      residuals[i] = y[i] - t.slope * x[i];
    }
    Arrays.sort(residuals);
    double level = quantile(residuals, TREND_LEVEL_QUANTILE) + t.slope * x[n - 1];
    double limit = Math.log1p(terms.limit().get().toMillis());
    double days = Math.max(0, (limit - level) / t.slope);
    if (days > HORIZON_DAYS) {
      return;
    }
    double growth = Math.expm1(t.slope);
    String text = days < 0.5
        ? "runs already reach the " + terms.limitName() + " and still grow " + Humanized.percent(growth, 1) + " a day"
        : "at this growth (" + Humanized.percent(growth, 1) + " a day, the longer runs now about "
            + Humanized.duration(Math.expm1(level)) + ") runs will exceed the " + terms.limitName() + " in about "
            + Humanized.days(days);
    out.add(new Finding(FindingKind.DURATION_TREND, job, run, urgency(days), text));
  }

  private static void drift(String bits, JobId job, ExecutionId run, String subject, String what,
                            Set<FindingKind> judged, Map<FindingKind, Set<String>> subjects, List<Finding> out) {
    int n = bits.length();
    if (n < DRIFT_RECENT + DRIFT_MIN_BEFORE) {
      return;
    }
    if (subject.isEmpty()) {
      judged.add(FindingKind.SUCCESS_RATE_DRIFT);
    } else {
      subjects.computeIfAbsent(FindingKind.SUCCESS_RATE_DRIFT, k -> new java.util.TreeSet<>()).add(subject);
    }
    int before = n - DRIFT_RECENT;
    int failedBefore = count(bits, 0, before, '0');
    int failedRecent = count(bits, before, n, '0');
    double rateBefore = 1 - (double) failedBefore / before;
    double rateRecent = 1 - (double) failedRecent / DRIFT_RECENT;
    // the earlier failure rate, with one failure and one success added so a clean history is not "never fails"
    double p = (failedBefore + 1.0) / (before + 2.0);
    if (failedRecent < DRIFT_MIN_FAILURES || rateRecent > rateBefore - DRIFT_MIN_DROP
        || binomialTail(DRIFT_RECENT, failedRecent, p) > DRIFT_MAX_P) {
      return;
    }
    String text = (what.isEmpty() ? "" : what + ": ") + "succeeded in " + (DRIFT_RECENT - failedRecent) + " of the last "
        + DRIFT_RECENT + " runs, " + Humanized.percent(rateBefore) + " of the " + before + " before";
    out.add(new Finding(FindingKind.SUCCESS_RATE_DRIFT, job, run, (rateBefore - rateRecent) * 100, text, subject));
  }

  private static void rpoAtRisk(Baseline b, JobId job, ExecutionId run, Instant now, Terms terms,
                                Set<FindingKind> judged, List<Finding> out) {
    if (terms.rpo().isEmpty() || terms.nextFire().isEmpty() || b.lastSuccess().isEmpty()) {
      return;
    }
    judged.add(FindingKind.RPO_AT_RISK);
    Window durations = b.recent(Metric.DURATION);
    Duration typical = durations.size() == 0 ? Duration.ZERO
        : Duration.ofMillis(Math.round(Math.expm1(durations.median())));
    Instant last = b.lastSuccess().get();
    Instant deadline = last.plus(terms.rpo().get());
    Instant next = terms.nextFire().get().plus(typical);
    Duration interval = terms.fireAfterNext().map(f -> Duration.between(terms.nextFire().get(), f))
        .orElse(Duration.ZERO);
    Instant oneMore = now.plus(interval).plus(typical);
    Duration missNext = Duration.between(deadline, next);
    Duration missOneMore = Duration.between(deadline, oneMore);
    if (missNext.isNegative() && missOneMore.isNegative()) {
      return;
    }
    String rpo = Humanized.duration(terms.rpo().get().toMillis());
    String text;
    double hours;
    if (!missNext.isNegative()) {
      hours = missNext.toMillis() / 3_600_000.0;
      text = "the next run (" + Humanized.instant(terms.nextFire().get()) + ", usually " + Humanized.duration(typical.toMillis())
          + ") would end " + Humanized.duration(missNext.toMillis()) + " after the RPO of " + rpo
          + " runs out at " + Humanized.instant(deadline) + " (last success " + Humanized.instant(last) + ")";
    } else {
      hours = missOneMore.toMillis() / 3_600_000.0;
      text = "one more failed run breaches the RPO of " + rpo + ": it runs out at " + Humanized.instant(deadline)
          + ", less than one interval (" + Humanized.duration(interval.toMillis()) + ") plus a typical run ("
          + Humanized.duration(typical.toMillis()) + ") away";
    }
    out.add(new Finding(FindingKind.RPO_AT_RISK, job, run, hours, text));
  }

  private static void space(Baseline.Space s, JobId job, ExecutionId run, String target, Set<FindingKind> judged,
                            Map<FindingKind, Set<String>> subjects, List<Finding> out) {
    double[] x = s.days.values();
    double[] y = s.free.values();
    int n = Math.min(x.length, y.length);
    if (n < SPACE_MIN_SAMPLES || x[n - 1] - x[0] < SPACE_MIN_SPAN_DAYS || s.total <= 0) {
      return;
    }
    subjects.computeIfAbsent(FindingKind.TARGET_SPACE, k -> new java.util.TreeSet<>()).add(target);
    Trend t = Trend.of(x, y);
    if (!(t.slope < 0) || -t.tau < MIN_AGREEMENT) {
      return;
    }
    double free = y[n - 1];
    double days = Math.max(0, free / -t.slope);
    if (days > HORIZON_DAYS) {
      return;
    }
    String text = "free space on " + target + " shrinks by " + Humanized.bytes(-t.slope) + " a day: its "
        + Humanized.bytes(free) + " free of " + Humanized.bytes(s.total) + " run out in about " + Humanized.days(days);
    out.add(new Finding(FindingKind.TARGET_SPACE, job, run, urgency(days), text, target));
  }

  /** {@value #HORIZON_DAYS} / days left, at most 30 × 24 (an hour left). */
  private static double urgency(double days) {
    return HORIZON_DAYS / Math.max(days, 1.0 / 24);
  }

  private static int count(String bits, int from, int to, char c) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n += bits.charAt(i) == c ? 1 : 0;
    }
    return n;
  }

  /** P(X ≥ k) for X ~ Binomial(n, p). */
  static double binomialTail(int n, int k, double p) {
    double sum = 0;
    for (int i = k; i <= n; i++) {
      double c = 1;
      for (int j = 0; j < i; j++) {
        c = c * (n - j) / (j + 1);
      }
      sum += c * Math.pow(p, i) * Math.pow(1 - p, n - i);
    }
    return Math.min(1, sum);
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  /**
   * A Theil–Sen line: the median of the slopes of all pairs of points (robust: up to 29 % of the
   * points may be outliers), and Kendall's tau of the pairs (how consistently y moves with x).
   */
  record Trend(double slope, double tau) {
    static Trend of(double[] x, double[] y) {
      int n = Math.min(x.length, y.length);
      double[] slopes = new double[n * (n - 1) / 2];
      int m = 0;
      int concordant = 0;
      int discordant = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          double dx = x[j] - x[i];
          if (dx <= 0) {
            continue;
          }
          double dy = y[j] - y[i];
          slopes[m++] = dy / dx;
          if (dy > 0) {
            concordant++;
          } else if (dy < 0) {
            discordant++;
          }
        }
      }
      if (m == 0) {
        return new Trend(0, 0);
      }
      return new Trend(Window.median(slopes, m), (double) (concordant - discordant) / m);
    }
  }
}
