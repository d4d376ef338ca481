package dev.bms.core.internal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.alert.FindingKind;
import dev.bms.core.internal.alert.AnomalyAlerts;
import dev.bms.core.internal.anomaly.SyntheticHistories.Injected;
import dev.bms.core.internal.anomaly.SyntheticHistories.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.bms.api.alert.Finding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
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
    // per injected kind, over all jobs and over the jobs that run several times a day
    Map<Injected, Tally> tallies = new EnumMap<>(Injected.class);
    Map<Injected, Tally> intraDay = new EnumMap<>(Injected.class);
    for (Injected k : DETECTED.keySet()) {
      tallies.put(k, new Tally());
      intraDay.put(k, new Tally());
    }
    Tally trend = new Tally();
    List<Double> leadDays = new ArrayList<>();
    long massChangeClean = 0;
    long extensionsClean = 0;
    long driftClean = 0;
    long runs = 0;
    int intraDayJobs = 0;
    for (int job = 0; job < JOBS; job++) {
      for (boolean inject : List.of(true, false)) {
        SyntheticHistories.History h = SyntheticHistories.history(job * 2L + (inject ? 1 : 0) + 1000, DAYS, inject);
        intraDayJobs += h.runsPerDay() > 1 && !inject ? 1 : 0;
        Forecasts.Terms terms = new Forecasts.Terms(Optional.of(h.timeout()), "timeout", Optional.empty(),
            Optional.empty(), Optional.empty());
        Baseline b = new Baseline();

        Double trendFirstSeen = null;
        boolean drifting = false;
        for (Run run : h.runs()) {
          Observation o = run.observation();
          java.time.Instant finished = o.start().toInstant().plus(o.duration());
          Set<FindingKind> judged = EnumSet.noneOf(FindingKind.class);
          List<Finding> findings = new ArrayList<>();
          if (!run.failed()) {
            runs++;
            Evaluation detected = AnomalyDetector.evaluate(b, o);
            findings.addAll(detected.findings());
            b.add(o.start(), o.values());
          }
          b.addOutcome(finished, !run.failed(), Map.of());
          Forecasts.evaluate(b, o.jobId(), o.executionId(), finished, !run.failed(), terms, List.of(), judged,
              new EnumMap<>(FindingKind.class), findings);
          b = Baseline.decode(b.encode());
          Evaluation ev = new Evaluation(judged, findings);
          boolean trendFound = ev.found(FindingKind.DURATION_TREND);
          if (run.injected() == Injected.DURATION_TREND) {

            if (trendFound) {
              trend.truePositives++;
              if (trendFirstSeen == null && !run.failed()) {
                trendFirstSeen = o.start().toEpochSecond() / 86_400.0;
              }
            }
            if (run.failed()) { // the run that exceeded the timeout ends the trend
              trend.injected++;
              if (trendFirstSeen != null) {
                trend.detected++;
                leadDays.add(o.start().toEpochSecond() / 86_400.0 - trendFirstSeen);
              }
            }
          } else if (trendFound && run.injected() == Injected.NONE) {
            trend.falsePositives++;
            trend.cleanFindings += inject ? 0 : 1;
          }
          // a drift is an alert from its first finding until a run without: count the alerts raised
          boolean drift = ev.found(FindingKind.SUCCESS_RATE_DRIFT);
          if (!inject && drift && !drifting) {
            driftClean++;
          }
          drifting = drift;
          if (run.failed()) {
            continue;
          }
          for (Map.Entry<Injected, Predicate<Evaluation>> d : DETECTED.entrySet()) {
            for (Tally t : h.runsPerDay() > 1 ? List.of(tallies.get(d.getKey()), intraDay.get(d.getKey()))
                : List.of(tallies.get(d.getKey()))) {
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
          }
          if (!inject) {
            massChangeClean += ev.found(FindingKind.MASS_CHANGE) ? 1 : 0;
            extensionsClean += ev.found(FindingKind.UNUSUAL_EXTENSIONS) ? 1 : 0;
          }
        }
      }
    }
    double jobYears = JOBS * DAYS / 365.0;
    double intraDayYears = intraDayJobs * DAYS / 365.0;
    StringBuilder table = new StringBuilder()
        .append("| injected kind | injected | detected | recall | precision | false alarms per job-year (clean) |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    tallies.forEach((k, t) -> table.append(row(k.name().toLowerCase(Locale.ROOT), t, jobYears)));
    intraDay.forEach((k, t) -> {
      if (t.injected > 0) {
        table.append(row(k.name().toLowerCase(Locale.ROOT) + ", jobs running 4–6× a day", t, intraDayYears));
      }
    });
    table.append(row("duration trend (forecast before the timeout)", trend, jobYears));
    leadDays.sort(null);
    table.append(String.format(Locale.ROOT, "| (success-rate drift alerts, nothing injected) | | | | | %.3f |%n", driftClean / jobYears))
        .append(String.format(Locale.ROOT, "| (mass-change finding alone) | | | | | %.3f |%n", massChangeClean / jobYears))
        .append(String.format(Locale.ROOT, "| (unusual-extensions finding alone) | | | | | %.3f |%n", extensionsClean / jobYears))
        .append(String.format(Locale.ROOT, "%n%d jobs (%d of them running 4–6× a day), %d days each, injected and clean"
            + " histories: %d evaluated runs, %.0f clean job-years. Duration trends were first forecast a median of"
            + " %.0f days (10th percentile %.0f) before the run that exceeded the timeout.%n", JOBS, intraDayJobs, DAYS,
            runs, jobYears, leadDays.isEmpty() ? Double.NaN : leadDays.get(leadDays.size() / 2),
            leadDays.isEmpty() ? Double.NaN : leadDays.get(leadDays.size() / 10)));
    Path out = Path.of("target", "anomaly-evaluation.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
    System.out.println(table);

    Tally encryption = tallies.get(Injected.ENCRYPTION);
    assertThat(encryption.recall()).as("recall on injected encryption").isGreaterThanOrEqualTo(0.9);
    assertThat(encryption.cleanFindings / jobYears).as("ransomware false alarms per job-year").isLessThanOrEqualTo(1.0);
    assertThat(trend.recall()).as("duration trends forecast before the timeout").isGreaterThanOrEqualTo(0.8);
    assertThat(trend.cleanFindings / jobYears).as("duration-trend false alarms per job-year").isLessThanOrEqualTo(1.0);
    assertThat(driftClean / jobYears).as("success-rate drift false alarms per job-year").isLessThanOrEqualTo(1.0);
    for (Injected k : List.of(Injected.SIZE, Injected.FILE_COUNT, Injected.DURATION)) {
      assertThat(intraDay.get(k).cleanFindings / intraDayYears).as(k + " false alarms per job-year, intra-day jobs")
          .isLessThanOrEqualTo(1.0);
    }
  }

  private static String row(String name, Tally t, double years) {
    return String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %.3f |%n", name, t.injected, t.detected, t.recall(),
        t.precision(), t.cleanFindings / years);
  }
}
