package dev.bms.core.internal.execution;

import dev.bms.api.model.Manifest;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.WriteRequest;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.MDC;

/**
 * One copy's writer thread and the bounded queue that feeds it. The reader thread (the execution's
 * own) puts steps in; the writer thread opens the session and replays them against the target.
 * The writer notes when it entered a call into the target ({@link #busyNanos}), so the reader can
 * tell a copy that stalls from one that is merely slow. A copy is only ever interrupted when it is
 * given up; healthy copies never are, so their file channels stay open.
 */
final class CopyChannel {
  /** Steps queued per copy: bounded so that many empty files cannot pile up behind a stuck copy. */
  private static final int QUEUE = 256;

  private sealed interface Step permits Open, Data, Close, Commit, Stop {}

  private record Open(String path, long size) implements Step {}

  private record Data(Chunk chunk) implements Step {}

  private record Close() implements Step {}

  private record Commit(Manifest manifest, String digest) implements Step {}

  private record Stop() implements Step {}

  private static final Close CLOSE = new Close();
  private static final Stop STOP = new Stop();

  private final CopyWriter writer;
  private final BlockingQueue<Step> queue = new ArrayBlockingQueue<>(QUEUE);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicReference<Chunk> inFlight = new AtomicReference<>();
  private volatile long busySince;
  private volatile Thread thread;
  private volatile BackupTarget target;
  private volatile boolean detached;
  private volatile boolean exiting;

  CopyChannel(CopyWriter writer) {
    this.writer = writer;
  }

  CopyWriter writer() {
    return writer;
  }

  /** Starts the writer thread, which opens the session first. */
  void start(BackupTarget target, WriteRequest request, Map<String, String> mdc, String name) {
    this.target = target;
    Thread t = new Thread(() -> run(target, request, mdc), name);
    t.setDaemon(true); // an abandoned writer must not keep the JVM alive
    thread = t;
    t.start();
  }

  /** The target instance this copy writes to; null when it never started. */
  BackupTarget target() {
    return target;
  }

  /** Marks a copy that could not even start (its target could not be created) as finished. */
  void finishUnstarted() {
    detached = true;
    exiting = true;
    finished.countDown();
  }

  /** Whether the reader still feeds this copy. */
  boolean fed() {
    return !detached && writer.live();
  }

  boolean finished() {
    return finished.getCount() == 0;
  }

  boolean awaitFinished(long nanos) throws InterruptedException {
    return finished.await(nanos, TimeUnit.NANOSECONDS);
  }

  /** How long the writer has been inside one call into the target; 0 when it is not. */
  long busyNanos(long now) {
    long since = busySince;
    return since == 0 ? 0 : now - since;
  }

  boolean offerOpen(String path, long size, long nanos) throws InterruptedException {
    return offer(new Open(path, size), nanos);
  }

  boolean offerData(Chunk chunk, long nanos) throws InterruptedException {
    return offer(new Data(chunk), nanos);
  }

  boolean offerClose(long nanos) throws InterruptedException {
    return offer(CLOSE, nanos);
  }

  boolean offerCommit(Manifest manifest, String digest, long nanos) throws InterruptedException {
    return offer(new Commit(manifest, digest), nanos);
  }

  private boolean offer(Step step, long nanos) throws InterruptedException {
    return nanos == 0 ? queue.offer(step) : queue.offer(step, nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Gives this copy up from the reader thread: records {@code reason}, stops feeding it, frees the
   * blocks queued for it, aborts its session off the reader's thread (an abort may block too) and,
   * when {@code interrupt}, interrupts its writer if it is inside a call into the target.
   */
  void giveUp(String reason, boolean interrupt) {
    detached = true;
    boolean ours = writer.giveUp(reason);
    drain();
    queue.offer(STOP); // room after the drain: wakes an idle writer
    Chunk held = inFlight.getAndSet(null);
    if (held != null) {
      held.disown();
    }
    Thread t = thread;
    boolean stuck = busySince != 0;
    if (interrupt && t != null && stuck) {
      t.interrupt();
    }
    if (ours && !stuck) {
      writer.abortSession(); // idle writer: the session is between calls
    } else if (ours) {
      // the writer is inside a call into the target: an abort may block as long, so not on this thread
      Thread aborter = new Thread(writer::abortSession, "bms-abort-" + writer.spec().name());
      aborter.setDaemon(true);
      aborter.start();
    }
  }

  /** Frees what was queued after the writer left (it no longer drains its queue). */
  void afterOffer() {
    if (exiting) {
      drain();
    }
  }

  private void drain() {
    for (Step s; (s = queue.poll()) != null; ) {
      if (s instanceof Data d) {
        d.chunk().release();
      }
    }
  }

  private void run(BackupTarget target, WriteRequest request, Map<String, String> mdc) {
    if (mdc != null) {
      MDC.setContextMap(mdc);
    }
    try {
      busySince = System.nanoTime();
      writer.open(target, request);
      busySince = 0;
      while (true) {
        Step step = queue.take();
        if (step instanceof Stop) {
          return;
        }
        if (step instanceof Data d) {
          write(d.chunk());
          if (!writer.live()) {
            return;
          }
          continue;
        }
        busySince = System.nanoTime();
        try {
          if (step instanceof Open o) {
            writer.openEntry(o.path(), o.size());
          } else if (step instanceof Close) {
            writer.closeEntry();
          } else if (step instanceof Commit c) {
            writer.commit(c.manifest(), c.digest());
            return;
          }
        } finally {
          busySince = 0;
        }
        if (!writer.live()) {
          return; // failed on its own: the reader stops feeding it
        }
      }
    } catch (InterruptedException e) {
      // given up while idle: nothing of the target's is running on this thread
    } finally {
      busySince = 0;
      exiting = true;
      drain();
      MDC.clear();
      finished.countDown();
    }
  }

  private void write(Chunk chunk) {
    inFlight.set(chunk);
    busySince = System.nanoTime();
    try {
      writer.write(chunk.data, chunk.length);
    } finally {
      busySince = 0;
      if (inFlight.compareAndSet(chunk, null)) {
        chunk.release();
      }
    }
  }
}
