package dev.bms.core.internal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.alert.Finding;
import dev.bms.api.alert.FindingKind;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.JobId;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
  static final JobId JOB = new JobId(new UUID(7, 7));
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** A Monday. */
  static final LocalDate START = LocalDate.of(2026, 1, 5);

  static Observation run(int day, long bytes, long files, Duration took, ExecutionMode mode,
                         Optional<RunSignals> signals) {
    ZonedDateTime at = START.plusDays(day).atTime(23, 30).atZone(BERLIN);
    return new Observation(JOB, new ExecutionId(new UUID(day, 3)), mode, at, bytes, files, took, signals);
  }

  /** Five weeks of nightly runs of about 2.3 GB (±5 %), 80,000 files, 40 minutes. */
  static Baseline fiveQuietWeeks(Random r) {
    Baseline b = new Baseline();
    for (int d = 0; d < 35; d++) {
      Observation o = run(d, Math.round(2.3e9 * (1 + 0.05 * r.nextGaussian())), 80_000 + r.nextInt(500),
          Duration.ofMinutes(38 + r.nextInt(5)), ExecutionMode.MANAGED, Optional.empty());
      assertThat(AnomalyDetector.evaluate(b, o).findings()).isEmpty();
      b.add(o.start(), o.values());
    }
    return b;
  }

  @Test
  void aHugeRunIsASizeFindingExplainedAgainstItsWeekday() {
    Baseline b = fiveQuietWeeks(new Random(1));
    Evaluation ev = AnomalyDetector.evaluate(b, run(35, 41_000_000_000L, 80_200, Duration.ofMinutes(41),
        ExecutionMode.MANAGED, Optional.empty()));

    assertThat(ev.findings()).extracting(Finding::kind).containsExactly(FindingKind.SIZE);
    Finding size = ev.findings().get(0);
    assertThat(size.explanation()).matches("wrote 41\\.0 GB, usual 2\\.\\d–2\\.\\d GB for Monday nights");
    assertThat(size.score()).isGreaterThan(AnomalyDetector.Z);
    assertThat(ev.judged()).contains(FindingKind.SIZE, FindingKind.FILE_COUNT, FindingKind.DURATION,
        FindingKind.EMPTY_SUCCESS);
  }

  @Test
  void weeklyFullBackupsAreTheUsualForSundays() {
    Random r = new Random(2);
    Baseline b = new Baseline();
    int findings = 0;
    for (int d = 0; d < 120; d++) {
      boolean sunday = START.plusDays(d).getDayOfWeek() == java.time.DayOfWeek.SUNDAY;
      long bytes = Math.round((sunday ? 50e9 : 2e9) * Math.exp(0.1 * r.nextGaussian()));
      Observation o = run(d, bytes, bytes / 100_000, Duration.ofSeconds(bytes / 50_000_000), ExecutionMode.REPORTED,
          Optional.empty());
      findings += AnomalyDetector.evaluate(b, o).findings().size();
      b.add(o.start(), o.values());
    }
    assertThat(findings).isZero();
  }

  @Test
  void aSlowRunIsADurationFindingAndAFastOneIsNot() {
    Baseline b = fiveQuietWeeks(new Random(3));
    Evaluation slow = AnomalyDetector.evaluate(b, run(35, 2_300_000_000L, 80_100, Duration.ofHours(3),
        ExecutionMode.MANAGED, Optional.empty()));
    Evaluation fast = AnomalyDetector.evaluate(b, run(35, 2_300_000_000L, 80_100, Duration.ofMinutes(4),
        ExecutionMode.MANAGED, Optional.empty()));

    assertThat(slow.findings()).extracting(Finding::kind).containsExactly(FindingKind.DURATION);
    assertThat(slow.findings().get(0).explanation()).matches("took 3 h 0 min, usual 3\\d min–4\\d min for Monday nights");
    assertThat(fast.findings()).isEmpty();
  }

  @Test
  void aReportedSuccessWithoutDataIsAnEmptySuccessEvenWithoutHistory() {
    Evaluation ev = AnomalyDetector.evaluate(new Baseline(), run(0, 0, 0, Duration.ofSeconds(2),
        ExecutionMode.REPORTED, Optional.empty()));
    assertThat(ev.findings()).extracting(Finding::kind).containsExactly(FindingKind.EMPTY_SUCCESS);
    assertThat(ev.findings().get(0).explanation()).isEqualTo("reported success with 0 B in 0 files");

    Evaluation managedFirst = AnomalyDetector.evaluate(new Baseline(), run(0, 0, 0, Duration.ofSeconds(2),
        ExecutionMode.MANAGED, Optional.empty()));
    assertThat(managedFirst.findings()).as("an empty directory on its first run is not news").isEmpty();

    Evaluation managedUsuallyFull = AnomalyDetector.evaluate(fiveQuietWeeks(new Random(4)), run(35, 0, 0,
        Duration.ofSeconds(2), ExecutionMode.MANAGED, Optional.empty()));
    assertThat(managedUsuallyFull.findings()).extracting(Finding::kind).containsExactly(FindingKind.EMPTY_SUCCESS);
  }

  @Test
  void ransomwareSignalsStandOutAgainstTheUsualChurn() {
    Baseline b = new Baseline();
    Random r = new Random(5);
    for (int d = 0; d < 20; d++) {
      long changed = 20 + r.nextInt(20);
      Observation o = run(d, 1_000_000_000L, 1000, Duration.ofMinutes(10), ExecutionMode.MANAGED,
          Optional.of(new RunSignals(1000, changed, 0, 1000, changed / 10, changed)));
      assertThat(AnomalyDetector.evaluate(b, o).findings()).isEmpty();
      b.add(o.start(), o.values());
    }
    Evaluation attack = AnomalyDetector.evaluate(b, run(20, 1_000_000_000L, 1000, Duration.ofMinutes(11),
        ExecutionMode.MANAGED, Optional.of(new RunSignals(1000, 600, 600, 1000, 590, 600))));

    assertThat(attack.findings()).extracting(Finding::kind).containsExactlyInAnyOrder(FindingKind.MASS_CHANGE,
        FindingKind.UNUSUAL_EXTENSIONS, FindingKind.ENCRYPTED_CONTENT);
    assertThat(attack.findings()).filteredOn(f -> f.kind() == FindingKind.ENCRYPTED_CONTENT).first()
        .extracting(Finding::explanation).asString().startsWith("59 % of the sampled content is new or changed and looks encrypted");

    Evaluation reorganisation = AnomalyDetector.evaluate(b, run(20, 1_000_000_000L, 1000, Duration.ofMinutes(11),
        ExecutionMode.MANAGED, Optional.of(new RunSignals(1000, 700, 0, 1000, 60, 700))));
    assertThat(reorganisation.findings()).extracting(Finding::kind).containsExactly(FindingKind.MASS_CHANGE);

    Evaluation newArchivesBeside = AnomalyDetector.evaluate(b, run(20, 1_500_000_000L, 1300, Duration.ofMinutes(14),
        ExecutionMode.MANAGED, Optional.of(new RunSignals(1000, 30, 0, 1500, 500, 530))));
    assertThat(newArchivesBeside.findings()).as("random-looking additions that destroy nothing").isEmpty();
  }

  @Test
  void aJobRunningFourTimesADayIsJudgedPerHourOfTheDay() {
    // log backups at 02, 08, 14 and 20 h: the 08 and 14 h runs carry 3× the night's 200 MB
    Random r = new Random(8);
    Baseline b = new Baseline();
    for (int d = 0; d < 14; d++) {
      for (int h : new int[] {2, 8, 14, 20}) {
        Observation o = at(d, h, (h == 8 || h == 14 ? 600e6 : 200e6) * (1 + 0.04 * r.nextGaussian()));
        assertThat(AnomalyDetector.evaluate(b, o).findings()).as("day %d, %d h", d, h).isEmpty();
        b.add(o.start(), o.values());
      }
    }
    assertThat(b.runsPerDay()).isCloseTo(4, org.assertj.core.data.Offset.offset(0.01));

    // a night run the size of a business-hours one is an anomaly of its hour, not of its weekday
    Evaluation night = AnomalyDetector.evaluate(b, at(14, 2, 600e6));
    assertThat(night.findings()).extracting(Finding::kind).containsExactly(FindingKind.SIZE);
    // the usual: the 10th and 90th percentiles of the 02 h window (200 MB ± 4 %)
    assertThat(night.findings().get(0).explanation())
        .matches("wrote 600\\.0 MB, usual 19[0-9]\\.[0-9]–2[01][0-9]\\.[0-9] MB for runs at 02:00–03:00");
    assertThat(AnomalyDetector.evaluate(b, at(14, 14, 600e6)).findings()).isEmpty();
  }

  private static Observation at(int day, int hour, double bytes) {
    ZonedDateTime t = START.plusDays(day).atTime(hour, 0).atZone(BERLIN);
    return new Observation(JOB, new ExecutionId(new UUID(day, hour)), ExecutionMode.MANAGED, t, Math.round(bytes),
        4_000, Duration.ofSeconds(Math.round(60 + bytes / 20e6)), Optional.empty());
  }

  @Test
  void theBaselineSurvivesItsStoredForm() {
    Baseline b = fiveQuietWeeks(new Random(6));
    Observation monday = run(35, 5, 5, Duration.ofSeconds(5), ExecutionMode.MANAGED,
        Optional.of(new RunSignals(10, 1, 0, 3, 0, 1)));
    b.add(monday.start(), monday.values());
    b.addOutcome(monday.start().toInstant(), true, java.util.Map.of("filesystem:0a1b2c3d", true, "sftp:99aa00bb", false));
    b.addSpace("filesystem:0a1b2c3d", monday.start().toInstant(), new dev.bms.spi.TargetCapacity(1_000_000_000_000L, 123_456_789_000L));
    Baseline back = Baseline.decode(b.encode());

    assertThat(back.encode()).isEqualTo(b.encode());
    assertThat(back.runs()).isEqualTo(36);
    assertThat(back.recent(Metric.BYTES).size()).isEqualTo(Baseline.RECENT);
    assertThat(back.weekday(Metric.BYTES, java.time.DayOfWeek.MONDAY).size()).isEqualTo(6);
    assertThat(back.hour(Metric.BYTES, 23).size()).isEqualTo(Baseline.PER_HOUR);
    assertThat(back.outcomes()).isEqualTo("1");
    assertThat(back.copyOutcomes()).containsEntry("filesystem:0a1b2c3d", "1").containsEntry("sftp:99aa00bb", "0");
    assertThat(back.lastSuccess()).contains(monday.start().toInstant());
    assertThat(back.space().get("filesystem:0a1b2c3d").total).isEqualTo(1_000_000_000_000L);
    assertThat(b.encode().length()).isLessThan(dev.bms.spi.storage.BaselineStore.MAX_STATE_CHARS / 4);
    assertThat(Baseline.decode("some-other-format\nbytes=1,2,3").runs()).isZero();
  }
}
