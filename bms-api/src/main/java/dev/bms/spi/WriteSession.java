package dev.bms.spi;

import dev.bms.api.model.Manifest;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writing one copy. bms calls {@link #openEntry} once per file and writes and closes the stream,
 * then {@link #commit} with the manifest, or {@link #abort} when anything failed. When
 * {@code commit} throws, bms calls {@code abort} afterwards, so a failed commit must leave the
 * session abortable (and {@code abort} after a failed commit must remove whatever is left).
 *
 * <p>Each copy of an execution has its own writer thread: one session is used by one thread at a
 * time, but {@link #abort} may come from another thread while a write, {@code openEntry} or
 * {@code commit} of the same session is blocked (a copy that stalled past its timeout or was
 * cancelled). bms interrupts a stalled writer thread and calls {@code abort}; a target should
 * return promptly from blocking I/O when interrupted (throwing {@link java.io.InterruptedIOException}
 * or the medium's equivalent) and make {@code abort} unblock any pending call. A target that
 * ignores both only hurts itself: bms abandons the thread, fails the copy alone, closes the target
 * instance and creates a new one for later runs.
 *
 * @since 0.1.0
 */
public interface WriteSession {

  /**
   * Opens the file at {@code path} for writing.
   *
   * @param path relative, {@code /}-separated, already checked by bms to contain no {@code ..},
   *     no {@code \} and no empty segment
   * @param size expected size, for preallocation
   * @throws dev.bms.api.PathEscapeException when the path would escape the target's root; its
   *     message names the path
   */
  OutputStream openEntry(String path, long size) throws IOException;

  /**
   * Makes the copy durable and visible: stores the manifest beside the data and applies any
   * retention lock ({@link WriteRequest#retainUntil()}). A copy is a restore point only once this
   * returns; nothing of it may be readable through the target before. When this throws, bms calls
   * {@link #abort}.
   */
  StoredCopy commit(Manifest manifest) throws IOException;

  /**
   * Removes whatever was written. Must not throw, must be idempotent, may be called from another
   * thread than the writer's, after a failed {@link #commit}, and while a write is blocked.
   */
  void abort();
}
