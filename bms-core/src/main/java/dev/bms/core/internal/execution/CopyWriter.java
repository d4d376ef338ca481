package dev.bms.core.internal.execution;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.Manifest;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one copy of one execution on its writer thread ({@link CopyChannel}). Failure is
 * contained: the first error marks this copy failed and aborts its session, and the other copies
 * carry on. {@link #giveUp} may come from another thread while a call into the target is blocked;
 * the first failure wins and the session is aborted exactly once.
 */
final class CopyWriter {
  private static final Logger log = LoggerFactory.getLogger(CopyWriter.class);

  private final CopySpec spec;
  private final AtomicReference<String> error = new AtomicReference<>();
  private final AtomicBoolean aborted = new AtomicBoolean();
  private volatile WriteSession session;
  private OutputStream current;
  private volatile long bytes;
  private volatile long files;
  private volatile long nanos;
  private volatile StoredCopy stored;
  private volatile String manifestDigest;

  CopyWriter(CopySpec spec) {
    this.spec = spec;
  }

  CopySpec spec() {
    return spec;
  }

  boolean live() {
    return error.get() == null;
  }

  boolean committed() {
    return stored != null;
  }

  void open(BackupTarget target, WriteRequest request) {
    long t0 = System.nanoTime();
    try {
      WriteSession s = target.openWrite(request);
      session = s;
      if (!live()) {
        abortSession(); // given up while openWrite was blocked
      }
    } catch (IOException | RuntimeException e) {
      fail("opening the copy", e);
    } finally {
      nanos += System.nanoTime() - t0;
    }
  }

  void openEntry(String path, long size) {
    if (!live()) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      current = session.openEntry(path, size);
    } catch (IOException | RuntimeException e) {
      fail("opening '" + path + "'", e);
    } finally {
      nanos += System.nanoTime() - t0;
    }
  }

  void write(byte[] buffer, int length) {
    if (!live()) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      current.write(buffer, 0, length);
      bytes += length;
    } catch (IOException | RuntimeException e) {
      fail("writing", e);
    } finally {
      nanos += System.nanoTime() - t0;
    }
  }

  void closeEntry() {
    if (!live()) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      current.close();
      current = null;
      files++;
    } catch (IOException | RuntimeException e) {
      fail("closing a file", e);
    } finally {
      nanos += System.nanoTime() - t0;
    }
  }

  void commit(Manifest manifest, String digest) {
    if (!live()) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      StoredCopy s = session.commit(manifest);
      manifestDigest = digest;
      stored = s;
    } catch (IOException | RuntimeException e) {
      fail("committing", e);
    } finally {
      nanos += System.nanoTime() - t0;
    }
  }

  /**
   * Gives up this copy unless it committed already (the source failed, the execution was stopped,
   * or the copy stalled): records {@code reason}. Safe from any thread; returns whether this call
   * gave it up, in which case the caller aborts the session ({@link #abortSession}).
   */
  boolean giveUp(String reason) {
    return !committed() && error.compareAndSet(null, reason);
  }

  /** Notes that this copy's writer thread did not return within {@code grace} of being given up. */
  void noteAbandoned(Duration grace) {
    error.updateAndGet(e -> (e == null ? "given up" : e) + "; its writer thread did not return within "
        + grace.toMillis() + " ms and was abandoned");
  }

  private void fail(String doing, Exception e) {
    if (error.compareAndSet(null, "failed " + doing + ": " + describe(e))) {
      log.warn("Copy '{}' ({}) {}", spec.name(), spec.targetType(), error.get());
      closeQuietly();
      abortSession();
    }
  }

  /** Closes the open file after a failure seen on the writer thread itself. */
  private void closeQuietly() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException | RuntimeException ignored) {
        // the copy is failed already; its session is aborted next
      }
      current = null;
    }
  }

  /** Aborts the session once, whoever calls first; a session still being opened is aborted when it opens. */
  void abortSession() {
    WriteSession s = session;
    if (s != null && aborted.compareAndSet(false, true)) {
      try {
        s.abort();
      } catch (RuntimeException e) {
        log.warn("Aborting copy '{}' failed", spec.name(), e);
      }
    }
  }

  CopyResult result() {
    Duration duration = Duration.ofNanos(nanos);
    StoredCopy s = stored;
    if (s != null && live()) {
      return new CopyResult(spec.name(), spec.targetType(), CopyStatus.SUCCEEDED, bytes, files, duration,
          Optional.of(manifestDigest), Optional.of(s.location()), s.immutableUntil(), Optional.empty());
    }
    String e = error.get();
    return new CopyResult(spec.name(), spec.targetType(), CopyStatus.FAILED, bytes, files, duration,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(e == null ? "not committed" : e));
  }

  private static String describe(Exception e) {
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }
}
