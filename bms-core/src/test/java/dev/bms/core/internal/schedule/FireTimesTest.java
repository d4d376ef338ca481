package dev.bms.core.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.model.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FireTimesTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static List<Instant> fires(Schedule s, Instant from, int n) {
    List<Instant> out = new ArrayList<>();
    Instant t = from;
    for (int i = 0; i < n; i++) {
      t = FireTimes.next(s, t).orElseThrow();
      out.add(t);
    }
    return out;
  }

  @Test
  void dailyTimeInTheSpringGapRunsRightAfterTheGapInsteadOfBeingSkipped() {
    assertThat(fires(Schedule.cron("0 2 * * *", BERLIN), Instant.parse("2025-03-28T12:00:00Z"), 3)).containsExactly(
        Instant.parse("2025-03-29T01:00:00Z"),  // 02:00 CET
        Instant.parse("2025-03-30T01:00:00Z"),  // 02:00 does not exist: 03:00 CEST
        Instant.parse("2025-03-31T00:00:00Z")); // 02:00 CEST
  }

  @Test
  void dailyTimeInTheRepeatedAutumnHourRunsOnceAtItsFirstOccurrence() {
    assertThat(fires(Schedule.cron("30 2 * * *", BERLIN), Instant.parse("2025-10-25T12:00:00Z"), 2)).containsExactly(
        Instant.parse("2025-10-26T00:30:00Z"),  // 02:30 CEST (the first of two)
        Instant.parse("2025-10-27T01:30:00Z")); // 02:30 CET
  }

  @Test
  void subHourlyCronKeepsStrictlyIncreasingFiresThroughBothChanges() {
    List<Instant> spring = fires(Schedule.cron("*/30 * * * *", BERLIN), Instant.parse("2025-03-30T00:15:00Z"), 4);
    assertThat(spring).containsExactly(Instant.parse("2025-03-30T00:30:00Z"), Instant.parse("2025-03-30T01:00:00Z"),
        Instant.parse("2025-03-30T01:30:00Z"), Instant.parse("2025-03-30T02:00:00Z"));
    List<Instant> autumn = fires(Schedule.cron("*/30 * * * *", BERLIN), Instant.parse("2025-10-26T00:15:00Z"), 4);
    assertThat(autumn).isSorted().doesNotHaveDuplicates();
    assertThat(autumn.get(0)).isEqualTo(Instant.parse("2025-10-26T00:30:00Z"));
    // from inside the repeated hour (second occurrence), the next fire is still after it
    Instant inRepeat = Instant.parse("2025-10-26T01:10:00Z"); // 02:10 CET
    assertThat(FireTimes.next(Schedule.cron("*/30 * * * *", BERLIN), inRepeat).orElseThrow()).isAfter(inRepeat);
  }

  @Test
  void intervalsAreAlignedSoEveryInstanceComputesTheSameSlots() {
    Schedule every15 = Schedule.interval(Duration.ofMinutes(15));
    assertThat(FireTimes.next(every15, Instant.parse("2025-01-01T10:07:13Z")))
        .contains(Instant.parse("2025-01-01T10:15:00Z"));
    assertThat(FireTimes.next(every15, Instant.parse("2025-01-01T10:15:00Z")))
        .contains(Instant.parse("2025-01-01T10:30:00Z"));
    assertThat(FireTimes.next(Schedule.manual(), Instant.EPOCH)).isEmpty();
  }
}
