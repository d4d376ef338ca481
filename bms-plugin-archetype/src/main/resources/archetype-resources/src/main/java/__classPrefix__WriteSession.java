package ${package};

import dev.bms.api.model.Manifest;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.WriteSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writing one copy. bms calls {@code openEntry} once per file, writes and closes the stream, then
 * {@code commit} with the manifest, or {@code abort} when anything failed (also after a failed
 * commit). Nothing is visible before {@code commit}: files are staged, then published in one step.
 *
 * <p>One writer thread uses a session at a time, but {@code abort} may come from another thread
 * while a call is blocked (the copy stalled past bms's copy stall timeout, or the run was
 * cancelled): honour interrupts in blocking calls and let {@code abort} release what was staged.
 */
final class ${classPrefix}WriteSession implements WriteSession {
  private final InMemoryObjectStore store;
  private final String copyId;
  private final String location;
  /** replace: stage into your storage (a multipart upload, a temporary prefix) instead of memory */
  private final Map<String, byte[]> staged = new LinkedHashMap<>();
  private volatile boolean aborted;

  ${classPrefix}WriteSession(InMemoryObjectStore store, String copyId, String location) {
    this.store = store;
    this.copyId = copyId;
    this.location = location;
  }

  @Override
  public OutputStream openEntry(String path, long size) throws IOException {
    ${classPrefix}Target.checkPath(path, location);
    if (aborted) {
      throw new IOException("copy " + location + " was aborted");
    }
    return new ByteArrayOutputStream() {
      @Override
      public void write(byte[] b, int off, int len) {
        super.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("writing " + path + " interrupted");
        }
        synchronized (staged) {
          staged.put(path, toByteArray());
        }
      }
    };
  }

  @Override
  public StoredCopy commit(Manifest manifest) throws IOException {
    if (aborted) {
      throw new IOException("copy " + location + " was aborted");
    }
    synchronized (staged) {
      store.publish(copyId, staged); // replace: complete the upload / rename the staging prefix
    }
    return new StoredCopy(location, Optional.empty());
  }

  @Override
  public void abort() {
    aborted = true;
    synchronized (staged) {
      staged.clear(); // replace: abort the upload / delete the staging prefix; never throw
    }
  }
}
