package dev.bms.spi;

import java.io.IOException;

/**
 * Produces the files of one backup. bms calls {@link #read(EntrySink)} once per execution and
 * streams each entry to every copy target, hashing it once.
 *
 * @since 0.1.0
 */
public interface BackupSource {

  /**
   * Pushes every entry of a consistent view of the source to {@code sink}, one at a time, in a
   * stable order (sorted by path is best). The stream handed to the sink is only valid during that
   * call; the source closes it afterwards.
   *
   * @throws IOException when the source cannot be read; the execution fails
   */
  void read(EntrySink sink) throws IOException;

  /** Receives source entries. */
  @FunctionalInterface
  interface EntrySink {
    /**
     * Consumes one entry's content.
     *
     * @param entry path and expected size
     * @param content the bytes; read to the end
     */
    void accept(SourceEntry entry, java.io.InputStream content) throws IOException;
  }
}
