package dev.bms.core.internal;

import dev.bms.api.LifecycleException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The manager's state, shared by services that must refuse work before start or after close. The
 * manager moves to {@link State#STARTED} only once everything it starts has started, so a failed
 * {@code start()} leaves it {@link State#NEW} and can be retried.
 */
public final class Lifecycle {
  /** States in order. */
  public enum State { NEW, STARTED, CLOSED }

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

  public State state() {
    return state.get();
  }

  /**
   * Whether {@code start()} has work to do: true when NEW, false when already STARTED.
   *
   * @throws LifecycleException when closed
   */
  public boolean needsStart() {
    State s = state.get();
    if (s == State.CLOSED) {
      throw new LifecycleException("BackupManager is closed; build a new one");
    }
    return s == State.NEW;
  }

  /** Moves NEW to STARTED, once everything started; false if it was not NEW (closed meanwhile). */
  public boolean markStarted() {
    return state.compareAndSet(State.NEW, State.STARTED);
  }

  /** Moves to CLOSED; false if already closed. */
  public boolean markClosed() {
    return state.getAndSet(State.CLOSED) != State.CLOSED;
  }

  /** Throws unless started and not closed. */
  public void requireRunning() {
    State s = state.get();
    if (s == State.NEW) {
      throw new LifecycleException("BackupManager is not started: call start() first");
    }
    if (s == State.CLOSED) {
      throw new LifecycleException("BackupManager is closed");
    }
  }
}
