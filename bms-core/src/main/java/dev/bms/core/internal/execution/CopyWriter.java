package dev.bms.core.internal.execution;

import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.Manifest;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.WriteSession;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one copy of one execution. Failure is contained: the first error marks this copy failed,
 * aborts its session, and the other copies carry on.
 */
final class CopyWriter {
  private static final Logger log = LoggerFactory.getLogger(CopyWriter.class);

  private final CopySpec spec;
  private WriteSession session;
  private OutputStream current;
  private String error;
  private long bytes;
  private long files;
  private long nanos;
  private StoredCopy stored;
  private String manifestDigest;

  CopyWriter(CopySpec spec, WriteSession session) {
    this.spec = spec;
    this.session = session;
  }

  /** A copy that could not even start (unknown target, failed openWrite). */
  static CopyWriter failedAtStart(CopySpec spec, Exception cause) {
    CopyWriter w = new CopyWriter(spec, null);
    w.error = describe(cause);
    return w;
  }

  boolean live() {
    return error == null;
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
      stored = session.commit(manifest);
      manifestDigest = digest;
    } catch (IOException | RuntimeException e) {
      fail("committing", e);
    } finally {
      nanos += System.nanoTime() - t0;
    }
  }

  /** Gives up this copy (the source failed, or the execution was cancelled). */
  void abort(String reason) {
    if (live()) {
      error = reason;
      closeQuietly();
      abortSession();
    }
  }

  private void fail(String doing, Exception e) {
    error = "failed " + doing + ": " + describe(e);
    log.warn("Copy '{}' ({}) {}", spec.name(), spec.targetType(), error);
    closeQuietly();
    abortSession();
  }

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

  private void abortSession() {
    if (session != null) {
      try {
        session.abort();
      } catch (RuntimeException e) {
        log.warn("Aborting copy '{}' failed", spec.name(), e);
      }
      session = null;
    }
  }

  CopyResult result() {
    Duration duration = Duration.ofNanos(nanos);
    if (stored != null && live()) {
      return new CopyResult(spec.name(), spec.targetType(), CopyStatus.SUCCEEDED, bytes, files, duration,
          Optional.of(manifestDigest), Optional.of(stored.location()), stored.immutableUntil(), Optional.empty());
    }
    return new CopyResult(spec.name(), spec.targetType(), CopyStatus.FAILED, bytes, files, duration,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(error == null ? "not committed" : error));
  }

  private static String describe(Exception e) {
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }
}
