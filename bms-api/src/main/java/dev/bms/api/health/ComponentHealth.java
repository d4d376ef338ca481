package dev.bms.api.health;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one part of a manager (storage, cache, scheduler) and since when it is in it.
 *
 * @param state up, down or disabled
 * @param since when the component entered this state (this instance's clock)
 * @param detail why it is down or disabled (the last failure, "not started"...), empty when up
 * @since 0.1
 */
public record ComponentHealth(State state, Instant since, Optional<String> detail) {
  /** What a component can be. */
  public enum State {
    /** Working. */
    UP,
    /** Not working: calls that need it fail or are deferred. */
    DOWN,
    /** Not configured or switched off (e.g. the scheduler with {@code schedulerEnabled(false)}). */
    DISABLED
  }

  public ComponentHealth {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(detail, "detail");
  }

  /** Up since {@code since}. */
  public static ComponentHealth up(Instant since) {
    return new ComponentHealth(State.UP, since, Optional.empty());
  }

  /** Down since {@code since}, because of {@code why}. */
  public static ComponentHealth down(Instant since, String why) {
    return new ComponentHealth(State.DOWN, since, Optional.of(why));
  }

  /** Disabled since {@code since}, because of {@code why}. */
  public static ComponentHealth disabled(Instant since, String why) {
    return new ComponentHealth(State.DISABLED, since, Optional.of(why));
  }

  /** Whether the state is {@link State#UP}. */
  public boolean isUp() {
    return state == State.UP;
  }

  /** Whether the state is {@link State#DOWN}. */
  public boolean isDown() {
    return state == State.DOWN;
  }
}
