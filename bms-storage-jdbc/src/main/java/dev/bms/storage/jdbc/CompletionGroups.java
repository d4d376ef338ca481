package dev.bms.storage.jdbc;

import dev.bms.spi.storage.ExecutionStore.Completion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Group commit of concurrent {@code finish} calls: a caller queues its completion and takes the
 * writer lock; the first to get it writes every completion queued by then in one transaction
 * ({@code finishAll}), and the callers it served find their result when they get the lock in turn.
 * A lone caller writes its own completion at once, as before. When a group's transaction fails,
 * each of its completions is retried alone, so one bad completion fails only its own caller.
 */
final class CompletionGroups {
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
    Waiting mine = new Waiting(completion);
    queued.add(mine);
    while (true) {
      writer.lock();
      try {
        if (!mine.done) {
          writeQueued();
        }
      } finally {
        writer.unlock();
      }
      if (mine.done) {
        if (mine.failure != null) {
          throw mine.failure;
        }
        return mine.written;
      }
    }
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
    // visible to each waiter once it takes the lock this thread releases
    group.forEach(w -> w.done = true);
  }

  private static final class Waiting {
    final Completion completion;
    boolean done;
    boolean written;
    RuntimeException failure;

    Waiting(Completion completion) {
      this.completion = completion;
    }
  }
}
