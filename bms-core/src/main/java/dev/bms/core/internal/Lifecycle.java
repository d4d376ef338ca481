package dev.bms.core.internal;

import java.util.concurrent.atomic.AtomicReference;

/** The manager's state, shared by services that must refuse work before start or after close. */
public final class Lifecycle {
  /** States in order. */
  public enum State { NEW, STARTED, CLOSED }

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

  public State state() {
    return state.get();
  }

  /** Moves NEW to STARTED; false if already started. */
  public boolean markStarted() {
    if (state.get() == State.CLOSED) {
      throw new IllegalStateException("BackupManager is closed; build a new one");
    }
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
      throw new IllegalStateException("BackupManager is not started: call start() first");
    }
    if (s == State.CLOSED) {
      throw new IllegalStateException("BackupManager is closed");
    }
  }
}
