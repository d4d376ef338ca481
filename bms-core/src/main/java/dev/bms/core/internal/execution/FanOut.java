package dev.bms.core.internal.execution;

import dev.bms.api.model.Manifest;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reader's side of the data path: hands every step of the source to each copy's writer
 * thread through its bounded queue, and every block through the shared {@link Chunk.Pool}, so the
 * slowest copy sets the pace. While the reader waits (for a free block, for room in a queue, for
 * the commits) it checks every {@link #SLICE}: a copy stuck inside one call into its target for
 * longer than the stall timeout is given up alone (its session aborted, its thread interrupted),
 * and the run's control is asked for stop requests and heartbeats through the progress listener.
 * Copies given up get {@link #ABANDON_GRACE} to return; a writer thread that ignores interrupts
 * and abort beyond that is abandoned, so the execution ends on time whatever the plugin does.
 */
final class FanOut {
  /** How often the waiting reader checks stalls and stop requests. */
  static final long SLICE = TimeUnit.MILLISECONDS.toNanos(50);
  /** How long a copy that was given up may take to return before its writer thread is abandoned. */
  static final Duration ABANDON_GRACE = Duration.ofSeconds(2);

  private final List<CopyChannel> channels;
  private final Chunk.Pool pool;
  private final long stallNanos;
  private final ProgressListener progress;
  private final List<CopyChannel> abandoned = new ArrayList<>();
  private long bytes;

  FanOut(List<CopyChannel> channels, Chunk.Pool pool, Duration stallTimeout, ProgressListener progress) {
    this.channels = channels;
    this.pool = pool;
    this.stallNanos = stallTimeout.toNanos();
    this.progress = progress;
  }

  /** Counts bytes read, for progress reported while waiting. */
  void read(long n) {
    bytes += n;
  }

  boolean anyFed() {
    for (CopyChannel c : channels) {
      if (c.fed()) {
        return true;
      }
    }
    return false;
  }

  /** A free block to read into, waiting (and watching) while every block is out. */
  Chunk block() throws InterruptedIOException {
    try {
      for (Chunk c; ; waiting()) {
        if ((c = pool.take(SLICE)) != null) {
          return c;
        }
      }
    } catch (InterruptedException e) {
      throw interrupted();
    }
  }

  void openEntry(String path, long size) throws InterruptedIOException {
    for (CopyChannel c : fedChannels()) {
      send(c, nanos -> c.offerOpen(path, size, nanos));
    }
  }

  /** Hands {@code chunk} to every copy still fed; the last one done with it frees it. */
  void data(Chunk chunk) throws InterruptedIOException {
    List<CopyChannel> to = fedChannels();
    chunk.share(to.size() + 1); // + the reader's own reference while handing out
    for (CopyChannel c : to) {
      if (!send(c, nanos -> c.offerData(chunk, nanos))) {
        chunk.release();
      }
    }
    chunk.release();
  }

  void closeEntry() throws InterruptedIOException {
    for (CopyChannel c : fedChannels()) {
      send(c, c::offerClose);
    }
  }

  /** Asks every copy still fed to commit, then waits for all of them (watching stalls). */
  void commit(Manifest manifest, String digest) throws InterruptedIOException {
    for (CopyChannel c : fedChannels()) {
      send(c, nanos -> c.offerCommit(manifest, digest, nanos));
    }
    try {
      for (CopyChannel c : channels) {
        while (c.fed() && !c.awaitFinished(SLICE)) {
          waiting();
        }
      }
    } catch (InterruptedException e) {
      throw interrupted();
    }
    awaitGivenUp();
  }

  /**
   * Gives up every copy that has not committed (the source failed, or the run was stopped or
   * lost its lease) and waits for their writers, abandoning those that do not return in time.
   * Never waits longer than {@link #ABANDON_GRACE}; interrupts do not cut it short.
   */
  void abortAll(String reason) {
    boolean wasInterrupted = Thread.interrupted();
    for (CopyChannel c : channels) {
      if (!c.writer().committed()) {
        c.giveUp(reason, false);
      }
    }
    awaitGivenUp();
    if (wasInterrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Copies whose writer thread was abandoned. */
  List<CopyChannel> abandoned() {
    return abandoned;
  }

  /**
   * Waits up to the grace for writers no longer fed (given up, or failed on their own) to
   * return; interrupts those still inside the target half-way through; abandons the rest.
   */
  private void awaitGivenUp() {
    long end = System.nanoTime() + ABANDON_GRACE.toNanos();
    long interruptAt = System.nanoTime() + ABANDON_GRACE.toNanos() / 2;
    boolean interruptedThem = false;
    boolean wasInterrupted = Thread.interrupted();
    for (CopyChannel c : channels) {
      while (!c.finished()) {
        long now = System.nanoTime();
        if (now - end >= 0) {
          c.writer().noteAbandoned(ABANDON_GRACE);
          abandoned.add(c);
          break;
        }
        if (!interruptedThem && now - interruptAt >= 0) {
          interruptedThem = true;
          for (CopyChannel x : channels) {
            if (!x.finished()) {
              x.giveUp("stopped", true);
            }
          }
        }
        try {
          c.awaitFinished(Math.min(SLICE, end - now));
        } catch (InterruptedException e) {
          wasInterrupted = true; // the watchdog's, for the data path: the grace still holds
        }
      }
    }
    if (wasInterrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private List<CopyChannel> fedChannels() {
    List<CopyChannel> fed = new ArrayList<>(channels.size());
    for (CopyChannel c : channels) {
      if (c.fed()) {
        fed.add(c);
      }
    }
    return fed;
  }

  private interface Offer {
    boolean offer(long nanos) throws InterruptedException;
  }

  /** Puts one step into a copy's queue; false when the copy stopped being fed meanwhile. */
  private boolean send(CopyChannel c, Offer offer) throws InterruptedIOException {
    try {
      if (offer.offer(0)) {
        c.afterOffer();
        return true;
      }
      while (c.fed()) {
        if (offer.offer(SLICE)) {
          c.afterOffer();
          return true;
        }
        waiting();
      }
      return false;
    } catch (InterruptedException e) {
      throw interrupted();
    }
  }

  /** One pass while the reader waits: give up stalled copies, then let the run's control speak. */
  private void waiting() {
    long now = System.nanoTime();
    for (CopyChannel c : channels) {
      long busy = c.busyNanos(now);
      if (c.fed() && busy > stallNanos) {
        c.giveUp("stalled: no call into the target returned for " + Duration.ofNanos(busy).toMillis()
            + " ms (copy stall timeout " + Duration.ofNanos(stallNanos) + "); session aborted", true);
      }
    }
    progress.onProgress(bytes); // stop requests and lease renewals
  }

  private static InterruptedIOException interrupted() {
    Thread.currentThread().interrupt();
    return new InterruptedIOException("execution interrupted");
  }
}
