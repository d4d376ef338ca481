package dev.bms.core.internal.alert;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Counts the notification work not yet finished, wherever it is: a grouping batch waiting for its
 * window, a notification queued on a channel or being delivered, a retry or rate-limit re-offer
 * waiting on a timer. Work hands on to the next step (a batch flushed into a queue, a failed
 * delivery into a retry or the fallback notifier's queue) before it counts itself done, so the
 * count reaches zero only when nothing is left anywhere: {@link #awaitIdle} then proves the
 * dispatch queues drained, which tests use to assert that nothing (more) was sent.
 */
final class Deliveries {
  private final Object lock = new Object();
  private long pending;

  /** One piece of work started; pair with {@link #done()}. */
  void begin() {
    synchronized (lock) {
      pending++;
    }
  }

  /** One piece of work finished (after it handed on whatever follows it). */
  void done() {
    synchronized (lock) {
      if (--pending == 0) {
        lock.notifyAll();
      }
    }
  }

  long pending() {
    synchronized (lock) {
      return pending;
    }
  }

  /** Runs {@code task} after the delay on the timers, counted as pending until it has run. */
  void schedule(ScheduledExecutorService timers, Runnable task, long delayMs) {
    begin();
    try {
      timers.schedule(() -> {
        try {
          task.run();
        } finally {
          done();
        }
      }, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      done();
      throw e;
    }
  }

  /**
   * Waits until no notification work is pending.
   *
   * @return true when idle, false when the timeout passed first
   */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }
}
