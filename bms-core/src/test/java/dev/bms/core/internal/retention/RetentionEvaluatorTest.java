package dev.bms.core.internal.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.RetentionDecision;
import dev.bms.api.model.RetentionDecision.Verdict;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.spi.storage.RetentionStore.StoredRestorePoint;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetentionEvaluatorTest {
  private static final Instant NOW = Instant.parse("2025-03-31T12:00:00Z");

  /** One point per day for {@code days} days back from NOW (newest first), at 01:00 UTC. */
  private static List<StoredRestorePoint> daily(int days) {
    List<StoredRestorePoint> points = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      Instant at = Instant.parse("2025-03-31T01:00:00Z").minus(Duration.ofDays(d));
      points.add(point(at, Optional.empty()));
    }
    return points;
  }

  private static StoredRestorePoint point(Instant at, Optional<Instant> lockedUntil) {
    ExecutionId id = new ExecutionId(new UUID(at.toEpochMilli(), 1));
    return new StoredRestorePoint(id, at, true, new CopyResult("nas", "mem", CopyStatus.SUCCEEDED, 1, 1, Duration.ZERO,
        Optional.of("d".repeat(64)), Optional.of("loc-" + at), lockedUntil, Optional.empty()));
  }

  private static List<Verdict> verdicts(List<RetentionDecision> ds) {
    return ds.stream().map(RetentionDecision::verdict).toList();
  }

  @Test
  void gfsKeepsNewestOfEachDayWeekAndMonth() {
    List<StoredRestorePoint> points = daily(70); // 2025-01-21 .. 2025-03-31
    List<RetentionDecision> ds = RetentionEvaluator.decide(RetentionPolicy.gfs(7, 4, 3), points, NOW, ZoneOffset.UTC,
        Optional.empty());
    List<String> kept = ds.stream().filter(d -> d.verdict() == Verdict.KEEP).map(d -> d.restorePointAt().toString()).toList();
    // 7 daily (03-25..03-31); weekly: newest of the 4 newest ISO weeks (03-31 Mon, 03-30 Sun, 03-23, 03-16);
    // monthly: newest of March, February (02-28), January (01-31)
    assertThat(kept).containsExactlyInAnyOrder(
        "2025-03-31T01:00:00Z", "2025-03-30T01:00:00Z", "2025-03-29T01:00:00Z", "2025-03-28T01:00:00Z",
        "2025-03-27T01:00:00Z", "2025-03-26T01:00:00Z", "2025-03-25T01:00:00Z",
        "2025-03-23T01:00:00Z", "2025-03-16T01:00:00Z",
        "2025-02-28T01:00:00Z", "2025-01-31T01:00:00Z");
    assertThat(ds.stream().filter(d -> d.verdict() == Verdict.KEEP && d.restorePointAt().toString().startsWith("2025-02-28")))
        .singleElement().satisfies(d -> assertThat(d.reason()).isEqualTo("monthly=3: newest of 2025-02"));
    assertThat(ds.stream().filter(d -> d.verdict() == Verdict.DELETE)).hasSize(59)
        .allSatisfy(d -> assertThat(d.reason()).isEqualTo("expired: no rule of {daily=7, weekly=4, monthly=3} keeps it"));
  }

  @Test
  void keepWithinKeepsEverythingYoungerAndProtectedAndLockedPointsSurviveExpiry() {
    List<StoredRestorePoint> points = new ArrayList<>(daily(3));
    StoredRestorePoint locked = point(Instant.parse("2025-03-20T01:00:00Z"), Optional.of(NOW.plus(Duration.ofDays(3))));
    StoredRestorePoint verified = point(Instant.parse("2025-03-10T01:00:00Z"), Optional.empty());
    StoredRestorePoint old = point(Instant.parse("2025-03-01T01:00:00Z"), Optional.of(NOW.minus(Duration.ofDays(1))));
    points.addAll(List.of(locked, verified, old));
    List<RetentionDecision> ds = RetentionEvaluator.decide(RetentionPolicy.keepWithin(Duration.ofHours(60)), points, NOW,
        ZoneOffset.UTC, Optional.of(verified.executionId()));
    assertThat(verdicts(ds)).containsExactly(Verdict.KEEP, Verdict.KEEP, Verdict.KEEP, Verdict.LOCKED, Verdict.PROTECTED,
        Verdict.DELETE);
    assertThat(ds.get(4).reason()).endsWith("last verified good restore point");
  }

  @Test
  void foreverKeepsEverything() {
    assertThat(verdicts(RetentionEvaluator.decide(RetentionPolicy.forever(), daily(5), NOW, ZoneOffset.UTC, Optional.empty())))
        .containsOnly(Verdict.KEEP);
  }
}
