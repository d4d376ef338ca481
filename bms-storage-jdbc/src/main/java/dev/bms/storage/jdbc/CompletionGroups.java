package dev.bms.storage.jdbc;

import dev.bms.spi.storage.ExecutionStore.Completion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Group commit of concurrent {@code finish} calls: a caller queues its completion and, if no other
 * caller is writing, writes every completion queued by then in one transaction ({@code finishAll});
 * otherwise it parks until the writer hands it its result (or leaves, so it may write the next
 * group itself). Each waiter is woken directly with its own result, not through the lock one after
 * the other. A lone caller writes its own completion at once, as before. When a group's
 * transaction fails, each of its completions is retried alone, so one bad completion fails only
 * its own caller.
 */
final class CompletionGroups {
  /** A safety net only: a waiter is unparked when its result is set or the writer leaves. */
  private static final long PARK_NANOS = 10_000_000L;

  private final Function<List<Completion>, List<Boolean>> writeAll;
  private final Predicate<Completion> writeOne;
  private final int maxGroup;
  private final ReentrantLock writer = new ReentrantLock();
  private final ConcurrentLinkedQueue<Waiting> queued = new ConcurrentLinkedQueue<>();

  CompletionGroups(Function<List<Completion>, List<Boolean>> writeAll, Predicate<Completion> writeOne, int maxGroup) {
    this.writeAll = writeAll;
    this.writeOne = writeOne;
    this.maxGroup = maxGroup;
  }

  /** Writes {@code completion}, possibly with others; returns whether it was written. */
  boolean finish(Completion completion) {
    Waiting mine = new Waiting(completion, Thread.currentThread());
    queued.add(mine);
    while (!mine.done) {
      if (writer.tryLock()) {
        try {
          while (!mine.done) {
            writeQueued();
          }
        } finally {
          writer.unlock();
        }
        // whoever queued while this thread wrote may write next
        Waiting next = queued.peek();
        if (next != null) {
          LockSupport.unpark(next.thread);
        }
      } else {
        LockSupport.parkNanos(this, PARK_NANOS);
      }
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    return mine.written;
  }

  /** Under the writer lock: one group of what is queued, oldest first. */
  private void writeQueued() {
    List<Waiting> group = new ArrayList<>();
    for (Waiting w; group.size() < maxGroup && (w = queued.poll()) != null; ) {
      group.add(w);
    }
    if (group.isEmpty()) {
      return;
    }
    try {
      List<Boolean> written = group.size() == 1 ? List.of(writeOne.test(group.get(0).completion))
          : writeAll.apply(group.stream().map(w -> w.completion).toList());
      for (int i = 0; i < group.size(); i++) {
        group.get(i).written = written.get(i);
      }
    } catch (RuntimeException groupFailed) {
      if (group.size() == 1) {
        group.get(0).failure = groupFailed;
      } else {
        for (Waiting w : group) {
          try {
            w.written = writeOne.test(w.completion);
          } catch (RuntimeException own) {
            w.failure = own;
          }
        }
      }
    }
    for (Waiting w : group) {
      w.done = true; // volatile: publishes written and failure
      LockSupport.unpark(w.thread);
    }
  }

  private static final class Waiting {
    final Completion completion;
    final Thread thread;
    volatile boolean done;
    boolean written;
    RuntimeException failure;

    Waiting(Completion completion, Thread thread) {
      this.completion = completion;
      this.thread = thread;
    }
  }
}
