package dev.bms.core.internal.tx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.List;
import java.util.function.Supplier;
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
  /** What this thread's joint transaction read from storage (e.g. a job by its id), until it changes it. */
  private static final ThreadLocal<Map<Object, Optional<?>>> READ = new ThreadLocal<>();

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
      READ.get().remove(key);
    }
  }

  /**
   * Reads {@code key} from storage once per joint transaction: inside one, the first call runs
   * {@code read} and later calls return what it returned, until the transaction changes the key
   * ({@link #touch}); outside one, every call runs {@code read}. So the state an audited call records as
   * "before" and the service's own read of it are one statement. {@code read} must read storage (in the
   * transaction), never a cache: a store checks what a write was based on (e.g. a version), so one read
   * serves as well as two.
   */
  @SuppressWarnings("unchecked")
  public static <T> Optional<T> readOnce(Object key, Supplier<Optional<T>> read) {
    Map<Object, Optional<?>> reads = READ.get();
    if (reads == null) {
      return read.get();
    }
    Optional<?> known = reads.get(key);
    if (known == null) {
      known = read.get();
      reads.put(key, known);
    }
    return (Optional<T>) known;
  }

  /** What {@link #readOnce} read for {@code key} in this thread's joint transaction, or null. */
  @SuppressWarnings("unchecked")
  public static <T> Optional<T> readInThisTransaction(Object key) {
    Map<Object, Optional<?>> reads = READ.get();
    return reads == null ? null : (Optional<T>) reads.get(key);
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
    READ.set(new HashMap<>());
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
      READ.remove();
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
      READ.remove();
      pending.clear();
    }
  }
}
