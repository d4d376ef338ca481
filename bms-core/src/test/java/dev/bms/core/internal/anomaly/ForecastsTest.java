package dev.bms.core.internal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.alert.Finding;
import dev.bms.api.alert.FindingKind;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Schedule;
import dev.bms.spi.TargetCapacity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each forecast on hand-made baselines, at fixed instants (no clock is read). */
class ForecastsTest {
  static final JobId JOB = new JobId(new UUID(9, 9));
  static final ExecutionId RUN = new ExecutionId(new UUID(9, 10));
  /** 02:00 UTC on a Monday. */
  static final ZonedDateTime T0 = ZonedDateTime.of(2026, 1, 5, 2, 0, 0, 0, ZoneOffset.UTC);
  static final String NAS = "filesystem:0a1b2c3d";

  record Result(Set<FindingKind> judged, Map<FindingKind, Set<String>> subjects, List<Finding> findings) {
    Optional<Finding> finding(FindingKind kind) {
      return findings.stream().filter(f -> f.kind() == kind).findFirst();
    }
  }

  static Result forecast(Baseline b, Instant now, boolean success, Forecasts.Terms terms, List<String> targets) {
    Set<FindingKind> judged = EnumSet.noneOf(FindingKind.class);
    Map<FindingKind, Set<String>> subjects = new EnumMap<>(FindingKind.class);
    List<Finding> out = new ArrayList<>();
    Forecasts.evaluate(b, JOB, RUN, now, success, terms, targets, judged, subjects, out);
    return new Result(judged, subjects, out);
  }

  static Forecasts.Terms limit(Duration limit, String name) {
    return new Forecasts.Terms(Optional.of(limit), name, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Daily runs at 02:00 of {@code minutes(day)} minutes, with ±5 % noise. */
  static Baseline daily(int days, java.util.function.IntToDoubleFunction minutes) {
    Random r = new Random(3);
    Baseline b = new Baseline();
    for (int d = 0; d < days; d++) {
      ZonedDateTime at = T0.plusDays(d);
      Observation o = new Observation(JOB, new ExecutionId(new UUID(d, 1)), ExecutionMode.MANAGED, at, 2_000_000_000L,
          50_000, Duration.ofMillis(Math.round(minutes.applyAsDouble(d) * 60_000 * (1 + 0.05 * r.nextGaussian()))),
          Optional.empty());
      b.add(at, o.values());
      b.addOutcome(at.toInstant(), true, Map.of());
    }
    return b;
  }

  @Test
  void aDurationGrowingFourPercentADayIsForecastToExceedItsWindow() {
    // 90 minutes growing 4 % a day: after 28 days about 4 h 30 min... the window is 6 h
    Baseline b = daily(28, d -> 90 * Math.pow(1.04, d));

    Result r = forecast(b, T0.plusDays(27).toInstant(), true, limit(Duration.ofHours(6), "6 h 0 min backup window"),
        List.of());

    assertThat(r.judged()).contains(FindingKind.DURATION_TREND);
    Finding f = r.finding(FindingKind.DURATION_TREND).orElseThrow();
    // the longer runs are about 4.5 h × 1.05: ln(6 / 4.7) / ln(1.04) ≈ 6 days
    assertThat(f.explanation()).startsWith("at this growth (4.")
        .contains(" a day, the longer runs now about 4 h").contains("runs will exceed the 6 h 0 min backup window in about ")
        .containsPattern("in about [4-8] days$");
    assertThat(f.score()).isBetween(30 / 8.0, 30 / 4.0);
  }

  @Test
  void aSteadyOrFarAwayDurationIsNoForecast() {
    Baseline steady = daily(28, d -> 90);
    Result r = forecast(steady, T0.plusDays(27).toInstant(), true, limit(Duration.ofHours(2), "2 h"), List.of());
    assertThat(r.judged()).contains(FindingKind.DURATION_TREND);
    assertThat(r.findings()).isEmpty();

    // growing 1 % a day from 90 minutes reaches 6 h in more than 100 days: beyond the 30-day horizon
    Baseline slow = daily(28, d -> 90 * Math.pow(1.01, d));
    assertThat(forecast(slow, T0.plusDays(27).toInstant(), true, limit(Duration.ofHours(6), "6 h"), List.of())
        .findings()).isEmpty();

    // too short a history is not judged
    assertThat(forecast(daily(9, d -> 90 * Math.pow(1.2, d)), T0.plusDays(8).toInstant(), true,
        limit(Duration.ofHours(6), "6 h"), List.of()).judged()).doesNotContain(FindingKind.DURATION_TREND);
  }

  @Test
  void aFallingSuccessRateIsADriftOfTheJobAndOfTheTargetThatFails() {
    Baseline b = new Baseline();
    Instant at = T0.toInstant();
    for (int i = 0; i < 50; i++) {
      boolean ok = i != 17; // 49 of 50
      b.addOutcome(at.plus(Duration.ofDays(i)), ok, Map.of(NAS, ok, "s3:ffeeddcc", ok));
    }
    for (int i = 50; i < 60; i++) {
      boolean ok = i % 2 == 0; // 5 of 10: the NAS copies fail, the S3 ones do not
      b.addOutcome(at.plus(Duration.ofDays(i)), ok, Map.of(NAS, ok, "s3:ffeeddcc", true));
    }

    Result r = forecast(b, at.plus(Duration.ofDays(59)), false, Forecasts.Terms.NONE, List.of(NAS, "s3:ffeeddcc"));

    assertThat(r.judged()).contains(FindingKind.SUCCESS_RATE_DRIFT);
    assertThat(r.subjects().get(FindingKind.SUCCESS_RATE_DRIFT)).containsExactlyInAnyOrder(NAS, "s3:ffeeddcc");
    assertThat(r.findings()).extracting(Finding::subject).containsExactlyInAnyOrder("", NAS);
    Finding job = r.findings().stream().filter(f -> f.subject().isEmpty()).findFirst().orElseThrow();
    assertThat(job.explanation()).isEqualTo("succeeded in 5 of the last 10 runs, 98 % of the 50 before");
    assertThat(job.score()).isCloseTo(48, org.assertj.core.data.Offset.offset(0.01));
    Finding nas = r.findings().stream().filter(f -> f.subject().equals(NAS)).findFirst().orElseThrow();
    assertThat(nas.explanation()).startsWith("copies to " + NAS + ": succeeded in 5 of the last 10 runs");
  }

  @Test
  void theUsualFailuresOfAFlakyJobAreNoDrift() {
    Baseline b = new Baseline();
    Random r = new Random(11);
    for (int i = 0; i < 60; i++) {
      b.addOutcome(T0.toInstant().plus(Duration.ofDays(i)), i >= 50 ? i % 5 != 0 : r.nextDouble() >= 0.2, Map.of());
    }
    // 2 of the last 10 failed, about 20 % before: as usual
    Result result = forecast(b, T0.plusDays(59).toInstant(), true, Forecasts.Terms.NONE, List.of());
    assertThat(result.judged()).contains(FindingKind.SUCCESS_RATE_DRIFT);
    assertThat(result.finding(FindingKind.SUCCESS_RATE_DRIFT)).isEmpty();
    assertThat(Forecasts.binomialTail(10, 0, 0.3)).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Forecasts.binomialTail(10, 10, 0.5)).isCloseTo(Math.pow(0.5, 10), org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void aFailedNightlyRunPutsATightRpoAtRiskBeforeItIsBreached() {
    // daily at 02:00, 30 minutes, RPO 26 h; the last success ended Monday 02:30
    Baseline b = daily(10, d -> 30);
    Instant lastSuccess = T0.plusDays(9).plusMinutes(30).toInstant();
    b.addOutcome(lastSuccess, true, Map.of());
    Instant tuesdayRun = T0.plusDays(10).plusMinutes(31).toInstant();
    b.addOutcome(tuesdayRun, false, Map.of());
    Forecasts.Terms terms = new Forecasts.Terms(Optional.empty(), "", Optional.of(Duration.ofHours(26)),
        Optional.of(T0.plusDays(11).toInstant()), Optional.of(T0.plusDays(12).toInstant()));

    Result r = forecast(b, tuesdayRun, false, terms, List.of());

    Finding f = r.finding(FindingKind.RPO_AT_RISK).orElseThrow();
    // the RPO runs out Tuesday 04:30; Wednesday's run would end 02:30: 22 h late
    // (the typical run: the median of 30 minutes ± 5 %)
    assertThat(f.explanation()).matches("the next run \\(2026-01-16 02:00 UTC, usually (2[6-9]|3[0-4]) min\\) would end 2[12] h"
        + " [0-9]+ min after the RPO of 26 h 0 min runs out at 2026-01-15 04:30 UTC \\(last success 2026-01-14 02:30 UTC\\)");
    assertThat(f.score()).isCloseTo(22, org.assertj.core.data.Offset.offset(0.2));
  }

  @Test
  void aSuccessWithRoomForOneFailureIsNotAtRiskButAnRpoTighterThanTheIntervalIs() {
    Baseline b = daily(10, d -> 30);
    Instant success = T0.plusDays(9).plusMinutes(30).toInstant();
    b.addOutcome(success, true, Map.of());
    Optional<Instant> next = Optional.of(T0.plusDays(10).toInstant());
    Optional<Instant> after = Optional.of(T0.plusDays(11).toInstant());

    Result roomy = forecast(b, success, true,
        new Forecasts.Terms(Optional.empty(), "", Optional.of(Duration.ofHours(50)), next, after), List.of());
    assertThat(roomy.judged()).contains(FindingKind.RPO_AT_RISK);
    assertThat(roomy.finding(FindingKind.RPO_AT_RISK)).isEmpty();

    Result tight = forecast(b, success, true,
        new Forecasts.Terms(Optional.empty(), "", Optional.of(Duration.ofHours(24)), next, after), List.of());
    assertThat(tight.finding(FindingKind.RPO_AT_RISK).orElseThrow().explanation())
        .startsWith("one more failed run breaches the RPO of 24 h 0 min");
  }

  @Test
  void aTargetLosingTenGigabytesADayIsForecastToBeFull() {
    Baseline b = new Baseline();
    long total = 1_000_000_000_000L;
    for (int d = 0; d < 8; d++) {
      long free = 230_000_000_000L - d * 10_000_000_000L + (d % 2) * 1_000_000_000L;
      assertThat(b.addSpace(NAS, T0.plusDays(d).toInstant(), new TargetCapacity(total, free))).isTrue();
      // a second sample within 6 hours is not kept
      assertThat(b.addSpace(NAS, T0.plusDays(d).plusHours(1).toInstant(), new TargetCapacity(total, free))).isFalse();
    }
    b.addSpace("sftp:11223344", T0.toInstant(), new TargetCapacity(total, 500_000_000_000L));
    for (int d = 1; d < 8; d++) {
      b.addSpace("sftp:11223344", T0.plusDays(d).toInstant(), new TargetCapacity(total, 500_000_000_000L + d % 2));
    }

    Result r = forecast(b, T0.plusDays(7).toInstant(), true, Forecasts.Terms.NONE, List.of(NAS, "sftp:11223344"));

    assertThat(r.subjects().get(FindingKind.TARGET_SPACE)).containsExactlyInAnyOrder(NAS, "sftp:11223344");
    Finding f = r.finding(FindingKind.TARGET_SPACE).orElseThrow();
    assertThat(f.subject()).isEqualTo(NAS);
    // 161 GB left (the last sample), 10 GB a day
    assertThat(f.explanation()).isEqualTo("free space on " + NAS + " shrinks by 10.0 GB a day: its 161.0 GB free of 1.0 TB"
        + " run out in about 16 days");
    assertThat(r.findings()).hasSize(1);
  }

  @Test
  void theLimitIsTheShortestOfTimeoutWindowAndInterval() {
    BackupJob.Builder def = BackupJob.builder("nightly").source("directory", Map.of("path", "/srv"))
        .copy(CopySpec.target("filesystem", Map.of("root", "/mnt")).named("nas"))
        .schedule(Schedule.cron("0 */6 * * *", ZoneOffset.UTC)).rpo(Duration.ofHours(8)).timeout(Duration.ofHours(5));
    Instant now = T0.plusMinutes(45).toInstant();

    Forecasts.Terms byTimeout = AnomalyEvaluator.terms(job(def), now);
    assertThat(byTimeout.limit()).contains(Duration.ofHours(5));
    assertThat(byTimeout.limitName()).isEqualTo("timeout of 5 h 0 min");
    assertThat(byTimeout.nextFire()).contains(T0.withHour(6).toInstant());
    assertThat(byTimeout.fireAfterNext()).contains(T0.withHour(12).toInstant());
    assertThat(byTimeout.rpo()).contains(Duration.ofHours(8));

    Forecasts.Terms byWindow = AnomalyEvaluator.terms(job(def.labels(Map.of("bms.backup-window", "3h"))), now);
    assertThat(byWindow.limitName()).isEqualTo("3 h 0 min backup window");

    Forecasts.Terms byInterval = AnomalyEvaluator.terms(job(def.timeout(Duration.ofHours(9)).labels(Map.of())), now);
    assertThat(byInterval.limit()).contains(Duration.ofHours(6));
    assertThat(byInterval.limitName()).isEqualTo("interval of 6 h 0 min between runs");
  }

  private static Job job(BackupJob.Builder def) {
    return new Job(JOB, def.build(), 1, T0.toInstant(), T0.toInstant());
  }
}
