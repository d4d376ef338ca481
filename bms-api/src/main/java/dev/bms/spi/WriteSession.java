package dev.bms.spi;

import dev.bms.api.model.Manifest;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writing one copy. bms calls {@link #openEntry} once per file and writes and closes the stream,
 * then {@link #commit} with the manifest, or {@link #abort} when anything failed. Exactly one of
 * commit and abort is called.
 */
public interface WriteSession {

  /**
   * Opens the file at {@code path} for writing.
   *
   * @param path relative, {@code /}-separated, already checked by bms to contain no {@code ..}
   * @param size expected size, for preallocation
   * @throws dev.bms.api.PathEscapeException when the path would escape the target's root
   */
  OutputStream openEntry(String path, long size) throws IOException;

  /**
   * Makes the copy durable: stores the manifest beside the data and applies any retention lock.
   * A copy is a restore point only once this returns.
   */
  StoredCopy commit(Manifest manifest) throws IOException;

  /** Removes whatever was written. Must not throw. */
  void abort();
}
