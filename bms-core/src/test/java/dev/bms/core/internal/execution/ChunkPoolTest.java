package dev.bms.core.internal.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The block pool bounds the data path's memory: a copy that holds blocks holds back the reader, not the heap. */
class ChunkPoolTest {
  private static final long NO_WAIT = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void noMoreBlocksThanThePoolSizeAreOutUntilEveryCopyReleasedOne() throws Exception {
    Chunk.Pool pool = new Chunk.Pool(4, 16);
    List<Chunk> out = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Chunk c = pool.take(NO_WAIT);
      c.share(2); // two copies
      out.add(c);
    }
    assertThat(pool.take(NO_WAIT)).as("a fifth block while four are out").isNull();

    out.get(0).release(); // one copy done with it: still held by the other
    assertThat(pool.take(NO_WAIT)).isNull();

    out.get(0).release();
    Chunk again = pool.take(NO_WAIT);
    assertThat(again).isNotNull();
    assertThat(again.data).as("the freed array is reused").isSameAs(out.get(0).data);
  }

  @Test
  void aDisownedBlockFreesItsPermitButNotItsArray() throws Exception {
    Chunk.Pool pool = new Chunk.Pool(1, 16);
    Chunk stuck = pool.take(NO_WAIT);
    stuck.share(1);

    stuck.disown(); // its copy's writer thread is stuck inside a write and may still read the array

    Chunk next = pool.take(NO_WAIT);
    assertThat(next).isNotNull();
    assertThat(next.data).isNotSameAs(stuck.data);
  }
}
