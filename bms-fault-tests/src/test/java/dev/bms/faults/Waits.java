package dev.bms.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/** Bounded waits whose failure says what the system looked like when time ran out. */
final class Waits {
  private Waits() {
  }

  static void until(String what, Duration limit, Callable<Boolean> condition, Supplier<String> state) {
    try {
      await().atMost(limit).pollInterval(Duration.ofMillis(50)).alias(what).until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("not within " + limit + ": " + what + "\n" + state.get(), e);
    }
  }

  /** Waits {@code period} while checking that {@code condition} holds all along; fails as soon as it does not. */
  static void holds(String what, Duration period, Callable<Boolean> condition, Supplier<String> state) {
    try {
      await().during(period).atMost(period.plusSeconds(5)).pollInterval(Duration.ofMillis(50)).alias(what)
          .until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("did not hold for " + period + ": " + what + "\n" + state.get(), e);
    }
  }
}
