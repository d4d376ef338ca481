package dev.bms.core.internal.execution;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One block of source bytes on its way to every copy, shared by their writer threads. The last
 * copy to finish with it hands the buffer back to its {@link Pool}. A copy that is given up while
 * its writer thread is stuck inside a write {@linkplain #disown disowns} the block instead: the
 * permit returns to the pool but the array does not, because the stuck thread may still read it.
 */
final class Chunk {
  final byte[] data;
  int length;
  private final Pool pool;
  private final AtomicInteger refs = new AtomicInteger();
  private volatile boolean disowned;

  private Chunk(byte[] data, Pool pool) {
    this.data = data;
    this.pool = pool;
  }

  /** Sets how many copies will release this block. */
  void share(int copies) {
    refs.set(copies);
  }

  /** One copy is done with this block. */
  void release() {
    if (refs.decrementAndGet() == 0) {
      pool.giveBack(this);
    }
  }

  /** Releases the reference of a copy whose writer thread may still read the array. */
  void disown() {
    disowned = true;
    release();
  }

  /**
   * A bounded set of blocks: at most {@code size} are out at once, whatever the file sizes and
   * however many copies share them, so the memory of an execution's data path is bounded by
   * {@code size * blockSize} (plus blocks held by abandoned writer threads).
   */
  static final class Pool {
    private final int blockSize;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();

    Pool(int blocks, int blockSize) {
      this.blockSize = blockSize;
      this.permits = new Semaphore(blocks);
    }

    /** A free block, or null when none came free within {@code nanos}. */
    Chunk take(long nanos) throws InterruptedException {
      if (!permits.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
        return null;
      }
      byte[] data = free.poll();
      return new Chunk(data != null ? data : new byte[blockSize], this);
    }

    private void giveBack(Chunk c) {
      if (!c.disowned) {
        free.offer(c.data);
      }
      permits.release();
    }
  }
}
