package dev.bms.plugins.filesystem;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes one data file through a {@link FileChannel} with a 256 KiB buffer; writes at least that
 * large skip the buffer. Closing flushes, forces the file to the device when {@code fsync} is set
 * and tells the session the entry is complete.
 */
final class EntryOutputStream extends OutputStream {
  static final int BUFFER_SIZE = 256 * 1024;

  private final FileChannel channel;
  private final boolean fsync;
  private final Runnable onClose;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
  private boolean closed;

  EntryOutputStream(FileChannel channel, boolean fsync, Runnable onClose) {
    this.channel = channel;
    this.fsync = fsync;
    this.onClose = onClose;
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    if (!buffer.hasRemaining()) {
      drain();
    }
    buffer.put((byte) b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len >= BUFFER_SIZE) {
      drain();
      writeFully(ByteBuffer.wrap(b, off, len));
      return;
    }
    if (len > buffer.remaining()) {
      drain();
    }
    buffer.put(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    ensureOpen();
    drain();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (channel) {
      drain();
      if (fsync) {
        channel.force(false);
      }
    }
    onClose.run();
  }

  /** Closes the channel without completing the entry (the session is being aborted). */
  void discard() {
    closed = true;
    try {
      channel.close();
    } catch (IOException ignored) {
      // the file is deleted next; nothing to save
    }
  }

  private void drain() throws IOException {
    buffer.flip();
    writeFully(buffer);
    buffer.clear();
  }

  private void writeFully(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      channel.write(src);
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
  }
}
