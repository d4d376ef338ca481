package dev.bms.core.internal.tx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Side effects that must not happen before the change they follow is committed: events (and the
 * alerts their listeners raise), cache updates and invalidations (local and across instances),
 * compliance marks, stop signals and work handed to other threads.
 *
 * <p>Outside a joint transaction (bms's own work, every store method its own transaction)
 * {@link #run} runs the effect at once, as before. Inside one (an audited call whose store methods and
 * audit record commit together, see {@code AuditedView}), the effect is queued on this thread and run
 * after the commit, in order, or dropped when the transaction rolls back: other threads and instances
 * never see a change that may still be undone.
 */
public final class AfterCommit {
  private static final Logger log = LoggerFactory.getLogger(AfterCommit.class);
  private static final ThreadLocal<List<Runnable>> PENDING = new ThreadLocal<>();
  /** What this thread's joint transaction changed that a cache may hold (e.g. job ids). */
  private static final ThreadLocal<Set<Object>> TOUCHED = new ThreadLocal<>();

  private AfterCommit() {
  }

  /** Runs {@code effect} now, or after the commit of this thread's joint transaction. */
  public static void run(Runnable effect) {
    List<Runnable> pending = PENDING.get();
    if (pending == null) {
      effect.run();
    } else {
      pending.add(effect);
    }
  }

  /** Whether this thread is inside a joint transaction. */
  public static boolean deferring() {
    return PENDING.get() != null;
  }

  /**
   * Notes that this thread's joint transaction changed {@code key} (a no-op outside one): until the
   * commit, a cache must not answer for it (it holds the committed state, not this transaction's).
   */
  public static void touch(Object key) {
    Set<Object> touched = TOUCHED.get();
    if (touched != null) {
      touched.add(key);
    }
  }

  /** Whether this thread's joint transaction changed {@code key} (see {@link #touch}). */
  public static boolean touched(Object key) {
    Set<Object> touched = TOUCHED.get();
    return touched != null && touched.contains(key);
  }

  /** Starts queueing this thread's effects; the returned handle runs or drops them. Not nestable. */
  public static Queue open() {
    if (PENDING.get() != null) {
      throw new IllegalStateException("a joint transaction is already open on this thread");
    }
    List<Runnable> pending = new ArrayList<>();
    PENDING.set(pending);
    TOUCHED.set(new HashSet<>());
    return new Queue(pending);
  }

  /** The effects queued by one joint transaction. */
  public static final class Queue {
    private final List<Runnable> pending;

    private Queue(List<Runnable> pending) {
      this.pending = pending;
    }

    /** The transaction committed: stops queueing and runs the effects in order (a failing one is logged). */
    public void committed() {
      PENDING.remove();
      TOUCHED.remove();
      for (Runnable effect : pending) {
        try {
          effect.run();
        } catch (RuntimeException e) {
          log.warn("An effect after commit failed", e);
        }
      }
      pending.clear();
    }

    /** The transaction rolled back: stops queueing and drops the effects. */
    public void rolledBack() {
      PENDING.remove();
      TOUCHED.remove();
      pending.clear();
    }
  }
}
