package dev.bms.core.internal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.alert.FindingKind;
import dev.bms.core.internal.alert.AnomalyAlerts;
import dev.bms.core.internal.anomaly.SyntheticHistories.Injected;
import dev.bms.core.internal.anomaly.SyntheticHistories.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of anomaly detection on labelled synthetic histories
 * ({@link SyntheticHistories}), and false alarms per job-year on clean ones. Each run is judged
 * against the baseline of the runs before it, and the baseline goes through its stored text form
 * after every run, as {@link AnomalyEvaluator} does. The table is written to
 * {@code target/anomaly-evaluation.md}; {@code docs/anomalies.md} quotes it.
 */
class AnomalyEvaluationTest {
  static final int JOBS = 250;
  static final int DAYS = 730;

  /** How an injected kind shows: the finding (or, for encryption, the ransomware evidence). */
  static final Map<Injected, Predicate<Evaluation>> DETECTED = Map.of(
      Injected.SIZE, ev -> ev.found(FindingKind.SIZE),
      Injected.FILE_COUNT, ev -> ev.found(FindingKind.FILE_COUNT),
      Injected.DURATION, ev -> ev.found(FindingKind.DURATION),
      Injected.EMPTY_SUCCESS, ev -> ev.found(FindingKind.EMPTY_SUCCESS),
      Injected.ENCRYPTION, AnomalyAlerts::ransomware);

  static final class Tally {
    long injected;
    long detected;
    long truePositives;
    long falsePositives;
    long cleanFindings;

    double recall() {
      return injected == 0 ? Double.NaN : (double) detected / injected;
    }

    double precision() {
      return truePositives + falsePositives == 0 ? Double.NaN
          : (double) truePositives / (truePositives + falsePositives);
    }
  }

  @Test
  void meetsItsTargetsOnSyntheticHistories() throws IOException {
    Map<Injected, Tally> tallies = new EnumMap<>(Injected.class);
    for (Injected k : DETECTED.keySet()) {
      tallies.put(k, new Tally());
    }
    long massChangeClean = 0;
    long extensionsClean = 0;
    long runs = 0;
    for (int job = 0; job < JOBS; job++) {
      for (boolean inject : List.of(true, false)) {
        Baseline b = new Baseline();
        for (Run run : SyntheticHistories.history(job * 2L + (inject ? 1 : 0) + 1000, DAYS, inject)) {
          if (run.failed()) {
            continue;
          }
          runs++;
          Evaluation ev = AnomalyDetector.evaluate(b, run.observation());
          b.add(run.observation().start().getDayOfWeek(), run.observation().values());
          b = Baseline.decode(b.encode());
          for (Map.Entry<Injected, Predicate<Evaluation>> d : DETECTED.entrySet()) {
            Tally t = tallies.get(d.getKey());
            boolean found = d.getValue().test(ev);
            if (run.injected() == d.getKey()) {
              t.injected++;
              if (found) {
                t.detected++;
                t.truePositives++;
              }
            } else if (found && run.injected() == Injected.NONE) {
              t.falsePositives++;
              if (!inject) {
                t.cleanFindings++;
              }
            }
          }
          if (!inject) {
            massChangeClean += ev.found(FindingKind.MASS_CHANGE) ? 1 : 0;
            extensionsClean += ev.found(FindingKind.UNUSUAL_EXTENSIONS) ? 1 : 0;
          }
        }
      }
    }
    double jobYears = JOBS * DAYS / 365.0;
    StringBuilder table = new StringBuilder()
        .append("| injected kind | injected | detected | recall | precision | false alarms per job-year (clean) |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    tallies.forEach((k, t) -> table.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %.3f |%n",
        k.name().toLowerCase(Locale.ROOT), t.injected, t.detected, t.recall(), t.precision(), t.cleanFindings / jobYears)));
    table.append(String.format(Locale.ROOT, "| (mass-change finding alone) | | | | | %.3f |%n", massChangeClean / jobYears))
        .append(String.format(Locale.ROOT, "| (unusual-extensions finding alone) | | | | | %.3f |%n", extensionsClean / jobYears))
        .append(String.format(Locale.ROOT, "%n%d jobs, %d days each, injected and clean histories: %d evaluated runs, "
            + "%.0f clean job-years.%n", JOBS, DAYS, runs, jobYears));
    Path out = Path.of("target", "anomaly-evaluation.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
    System.out.println(table);

    Tally encryption = tallies.get(Injected.ENCRYPTION);
    assertThat(encryption.recall()).as("recall on injected encryption").isGreaterThanOrEqualTo(0.9);
    assertThat(encryption.cleanFindings / jobYears).as("ransomware false alarms per job-year").isLessThanOrEqualTo(1.0);
  }
}
