package dev.bms.core.internal.anomaly;

import dev.bms.api.alert.Finding;
import dev.bms.api.alert.FindingKind;
import dev.bms.api.model.ExecutionMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Compares one execution with its job's baseline (pure: no storage, no clock). Size, file count and
 * duration use the run's weekday window once it holds {@value #MIN_WEEKDAY} values (for jobs that run
 * several times a day: the window of the run's hour of the day), else the recent
 * window once it holds {@value #MIN_RECENT} (then only values outside everything recently seen
 * count); a value is anomalous when it is at least {@value #Z} robust standard deviations
 * (1.4826 × MAD, with a floor) from the median and at least a factor away. The data-path shares
 * (changed files, gained extensions, encrypted-looking content) compare with the recent window.
 */
final class AnomalyDetector {
  static final int MIN_WEEKDAY = 4;
  static final int MIN_RECENT = 10;
  /** Jobs running at least this often a day are judged per hour of the day instead of per weekday. */
  static final double INTRA_DAY_RUNS = 1.5;
  /** Robust standard deviations from the median that make a value anomalous. */
  static final double Z = 6;
  /** Floors of the robust standard deviation (log scale): a job that never varies is not flagged for 5 %. */
  static final double SIGMA_FLOOR_SIZE = 0.05;
  static final double SIGMA_FLOOR_DURATION = 0.10;
  /** Minimum factor from the median: size and files 1.5×, duration 2×. */
  static final double FACTOR_SIZE = Math.log(1.5);
  static final double FACTOR_DURATION = Math.log(2);
  /**
   * Differences too small to matter whatever the baseline: 10 MB, 50 files, one minute. A 2 MB job
   * writing 5 MB, or a 20-second run taking 70 seconds, is not worth an alert.
   */
  static final double MIN_BYTES_DIFFERENCE = 10e6;
  static final double MIN_FILES_DIFFERENCE = 50;
  static final double MIN_MILLIS_DIFFERENCE = 60_000;
  /** Recent windows this short are "no usual yet": the share thresholds become absolute. */
  static final int MIN_SHARE_HISTORY = 3;
  static final double SHARE_SIGMA_FLOOR = 0.02;
  static final double MASS_CHANGE_MIN = 0.30;
  static final double MASS_CHANGE_MARGIN = 0.20;
  static final double GAINED_MIN = 0.05;
  static final long GAINED_MIN_FILES = 3;
  static final double ENCRYPTED_MIN = 0.20;
  static final double ENCRYPTED_MARGIN = 0.15;
  static final long ENCRYPTED_MIN_BLOCKS = 8;
  /**
   * Encrypted-looking content counts only when this share of the previous restore point's files was
   * changed or removed too: ransomware destroys what was there, while new archives, media or
   * encrypted dumps added beside it (which look just as random) change nothing that existed.
   */
  static final double ENCRYPTED_NEEDS_CHANGED = 0.15;
  /** Without a usual share yet, only overwhelming evidence counts. */
  static final double NO_HISTORY_CHANGED = 0.5;
  static final double NO_HISTORY_ENCRYPTED = 0.5;

  private AnomalyDetector() {
  }

  static Evaluation evaluate(Baseline b, Observation o) {
    Set<FindingKind> judged = EnumSet.noneOf(FindingKind.class);
    List<Finding> out = new ArrayList<>();
    boolean empty = o.bytes() == 0 || o.files() == 0;
    boolean usuallyWritesData = b.recent(Metric.BYTES).size() >= MIN_WEEKDAY && b.recent(Metric.BYTES).median() > 0;
    if (o.mode() == ExecutionMode.REPORTED || usuallyWritesData) {
      judged.add(FindingKind.EMPTY_SUCCESS);
      if (empty) {
        out.add(finding(o, FindingKind.EMPTY_SUCCESS, 1,
            (o.mode() == ExecutionMode.REPORTED ? "reported success with " : "succeeded with ")
                + Humanized.bytes(o.bytes()) + " in " + Humanized.count(o.files()) + " files"
                + (usuallyWritesData ? ", usual " + Humanized.bytes(Math.expm1(b.recent(Metric.BYTES).median())) : "")));
      }
    }
    if (!empty) {
      seasonal(b, o, Metric.BYTES, FindingKind.SIZE, o.bytes(), judged, out);
      seasonal(b, o, Metric.FILES, FindingKind.FILE_COUNT, o.files(), judged, out);
    }
    seasonal(b, o, Metric.DURATION, FindingKind.DURATION, o.duration().toMillis(), judged, out);
    o.signals().filter(RunSignals::comparable).ifPresent(s -> dataPath(b, o, s, judged, out));
    return new Evaluation(judged, out);
  }

  private static void seasonal(Baseline b, Observation o, Metric m, FindingKind kind, double raw,
                               Set<FindingKind> judged, List<Finding> out) {
    Window day = b.weekday(m, o.start().getDayOfWeek());
    Window hourly = b.hour(m, o.start().getHour());
    Window recent = b.recent(m);
    // a job running several times a day has its pattern over the day, not over the week
    boolean intraDay = b.runsPerDay() >= INTRA_DAY_RUNS;
    Window w;
    String when;
    boolean recentOnly;
    double pooled = Double.NaN;
    if (intraDay && hourly.size() >= MIN_WEEKDAY) {
      w = hourly;
      when = " for runs at " + Humanized.hourSlot(o.start());
      recentOnly = false;
      pooled = b.pooledHourMad(m);
    } else if (!intraDay && day.size() >= MIN_WEEKDAY) {
      w = day;
      when = " for " + Humanized.slot(o.start());
      recentOnly = false;
      pooled = b.pooledMad(m);
    } else if (recent.size() >= MIN_RECENT) {
      w = recent;
      when = " in the last " + recent.size() + " runs";
      recentOnly = true;
    } else {
      return;
    }
    judged.add(kind);
    double v = Math.log1p(raw);
    double median = w.median();
    boolean duration = m == Metric.DURATION;
    double mad = w.mad();
    if (!Double.isNaN(pooled)) {
      mad = Math.max(mad, pooled);
    }
    double sigma = Math.max(Window.MAD_TO_SIGMA * mad, duration ? SIGMA_FLOOR_DURATION : SIGMA_FLOOR_SIZE);
    double d = v - median;
    double z = Math.abs(d) / sigma;
    boolean far = z >= Z && Math.abs(d) >= (duration ? FACTOR_DURATION : FACTOR_SIZE) && (!duration || d > 0);
    if (far && recentOnly) {
      // without a weekday history, a value inside what recent runs of any weekday did is not news
      double lo = recent.quantile(0) - FACTOR_SIZE;
      double hi = recent.quantile(1) + FACTOR_SIZE;
      far = v < lo || v > hi;
    }
    double absolute = switch (m) {
      case BYTES -> MIN_BYTES_DIFFERENCE;
      case FILES -> MIN_FILES_DIFFERENCE;
      default -> MIN_MILLIS_DIFFERENCE;
    };
    if (!far || Math.abs(raw - Math.expm1(median)) < absolute) {
      return;
    }
    double lo = Math.expm1(w.quantile(0.1));
    double hi = Math.expm1(w.quantile(0.9));
    String text = switch (m) {
      case BYTES -> "wrote " + Humanized.bytes(raw) + ", usual " + Humanized.bytesRange(lo, hi) + when;
      case FILES -> "held " + Humanized.count(raw) + " files, usual " + Humanized.count(lo) + "–"
          + Humanized.count(hi) + when;
      default -> "took " + Humanized.duration(raw) + ", usual " + Humanized.duration(lo) + "–"
          + Humanized.duration(hi) + when;
    };
    out.add(finding(o, kind, Math.min(z, 1e6), text));
  }

  private static void dataPath(Baseline b, Observation o, RunSignals s, Set<FindingKind> judged, List<Finding> out) {
    judged.add(FindingKind.MASS_CHANGE);
    judged.add(FindingKind.UNUSUAL_EXTENSIONS);
    judged.add(FindingKind.ENCRYPTED_CONTENT);
    double changed = s.changedShare();
    Window cw = b.recent(Metric.CHANGED);
    boolean history = cw.size() >= MIN_SHARE_HISTORY;
    double usualChanged = history ? upper(cw) : 0;
    boolean massChange = history
        ? changed >= MASS_CHANGE_MIN && changed >= usualChanged + MASS_CHANGE_MARGIN
        : changed >= NO_HISTORY_CHANGED;
    if (massChange) {
      out.add(finding(o, FindingKind.MASS_CHANGE, (changed - (history ? cw.median() : 0)) * 100,
          Humanized.percent(changed) + " of the previous restore point's " + Humanized.count(s.previousFiles())
              + " files changed or removed, usual " + (history ? "at most " + Humanized.percent(usualChanged) : "unknown yet")));
    }
    double gained = s.gainedShare();
    Window gw = b.recent(Metric.GAINED_EXTENSIONS);
    double usualGained = gw.size() >= MIN_SHARE_HISTORY ? upper(gw) : 0;
    if (s.gainedExtensions() >= GAINED_MIN_FILES && gained >= GAINED_MIN && gained >= usualGained + GAINED_MIN) {
      out.add(finding(o, FindingKind.UNUSUAL_EXTENSIONS, (gained - usualGained) * 100,
          Humanized.count(s.gainedExtensions()) + " files (" + Humanized.percent(gained)
              + ") were renamed to extensions this job never had"));
    }
    double encrypted = s.encryptedShare();
    Window ew = b.recent(Metric.ENCRYPTED);
    boolean eHistory = ew.size() >= MIN_SHARE_HISTORY;
    double usualEncrypted = eHistory ? upper(ew) : 0;
    boolean looksEncrypted = s.randomChangedBlocks() >= ENCRYPTED_MIN_BLOCKS && changed >= ENCRYPTED_NEEDS_CHANGED
        && (eHistory
        ? encrypted >= ENCRYPTED_MIN && encrypted >= usualEncrypted + ENCRYPTED_MARGIN
        : encrypted >= NO_HISTORY_ENCRYPTED && changed >= NO_HISTORY_CHANGED);
    if (looksEncrypted) {
      out.add(finding(o, FindingKind.ENCRYPTED_CONTENT, (encrypted - (eHistory ? ew.median() : 0)) * 100,
          Humanized.percent(encrypted) + " of the sampled content is new or changed and looks encrypted, usual "
              + (eHistory ? "at most " + Humanized.percent(usualEncrypted) : "unknown yet")
              + " (" + Humanized.percent(changed) + " of the files changed)"));
    }
  }

  /** The top of the usual: the larger of the 90th percentile and median + {@value #Z} robust deviations. */
  private static double upper(Window w) {
    double sigma = Math.max(Window.MAD_TO_SIGMA * w.mad(), SHARE_SIGMA_FLOOR);
    return Math.max(w.quantile(0.9), w.median() + Z * sigma);
  }

  private static Finding finding(Observation o, FindingKind kind, double score, String text) {
    return new Finding(kind, o.jobId(), o.executionId(), Math.max(0, score), text);
  }
}
