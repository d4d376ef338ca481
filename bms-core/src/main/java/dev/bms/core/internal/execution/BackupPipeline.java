package dev.bms.core.internal.execution;

import dev.bms.api.LeaseLostException;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.BackupSource;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.storage.ExecutionOutcome;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The data path of a managed execution: reads the source once and streams each file to every copy
 * target at the same time, hashing it once (SHA-256) for the manifest. A failing copy is dropped and
 * the others continue; the execution is SUCCEEDED when every copy committed, PARTIAL when some did,
 * FAILED when none did or the source could not be read.
 */
@Singleton
public final class BackupPipeline {
  /** Large enough that per-call overhead vanishes next to the copy itself. */
  private static final int BUFFER_SIZE = 256 * 1024;

  private final PluginRegistry plugins;
  private final Clock clock;

  @Inject
  public BackupPipeline(PluginRegistry plugins, Clock clock) {
    this.plugins = plugins;
    this.clock = clock;
  }

  /** Runs the job's backup for a RUNNING execution and returns its outcome (not yet recorded). */
  public ExecutionOutcome run(Job job, Execution execution, ProgressListener progress) {
    List<CopyWriter> writers = openWriters(job, execution);
    List<ManifestEntry> entries = new ArrayList<>();
    long[] totalBytes = {0};
    String sourceError = null;
    try {
      BackupSource source = plugins.source(job.definition().source().type(), job.definition().source().config());
      MessageDigest md = sha256();
      byte[] buffer = new byte[BUFFER_SIZE];
      source.read((entry, content) -> {
        String path = EntryPaths.check(entry.path());
        for (CopyWriter w : writers) {
          w.openEntry(path, entry.size());
        }
        md.reset();
        long size = copy(content, buffer, md, writers, totalBytes, progress);
        for (CopyWriter w : writers) {
          w.closeEntry();
        }
        entries.add(new ManifestEntry(path, size, HexFormat.of().formatHex(md.digest()),
            java.util.Optional.of(entry.lastModified()), entry.permissions()));
        progress.onFileDone(entries.size());
        if (writers.stream().noneMatch(CopyWriter::live)) {
          throw new AllCopiesFailed();
        }
      });
    } catch (AllCopiesFailed e) {
      // every copy recorded its own error; nothing left to write to
    } catch (LeaseLostException lost) {
      abortAll(writers, "lease lost: " + lost.getMessage());
      throw lost;
    } catch (InterruptedIOException e) {
      sourceError = e.getMessage();
      abortAll(writers, sourceError);
    } catch (IOException | RuntimeException e) {
      sourceError = "source '" + job.definition().source().type() + "' failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage());
      abortAll(writers, sourceError);
    }
    List<CopyResult> results;
    if (sourceError != null) {
      results = writers.stream().map(CopyWriter::result).toList();
      return ExecutionOutcome.fromCopies(results, now()).withSourceFailure(sourceError, totalBytes[0], entries.size());
    }
    Manifest manifest = new Manifest(entries);
    String digest = manifest.digest();
    for (CopyWriter w : writers) {
      w.commit(manifest, digest);
    }
    results = writers.stream().map(CopyWriter::result).toList();
    return ExecutionOutcome.fromCopies(results, now()).withSourceTotals(totalBytes[0], entries.size(), manifest);
  }

  private java.time.Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  private static void abortAll(List<CopyWriter> writers, String reason) {
    for (CopyWriter w : writers) {
      w.abort(reason);
    }
  }

  private List<CopyWriter> openWriters(Job job, Execution execution) {
    List<CopyWriter> writers = new ArrayList<>();
    for (CopySpec spec : job.definition().copies()) {
      try {
        BackupTarget target = plugins.target(spec.targetType(), spec.config());
        java.time.Instant startedAt = execution.startedAt().orElse(execution.createdAt());
        WriteRequest request = new WriteRequest(job.id(), job.name(), execution.id(), spec.name(), startedAt,
            retainUntil(spec.retention().orElse(job.definition().retention()), startedAt));
        writers.add(new CopyWriter(spec, target.openWrite(request)));
      } catch (IOException | RuntimeException e) {
        writers.add(CopyWriter.failedAtStart(spec, e));
      }
    }
    return writers;
  }

  /**
   * The lock asked of the target: a policy keeping every point younger than {@code keepWithin}
   * promises that long; GFS counts and keep-last promise no time for one point, so they ask none.
   */
  static java.util.Optional<java.time.Instant> retainUntil(dev.bms.api.model.RetentionPolicy policy, java.time.Instant startedAt) {
    return policy.keepWithin().isZero() ? java.util.Optional.empty() : java.util.Optional.of(startedAt.plus(policy.keepWithin()));
  }

  private static long copy(InputStream in, byte[] buffer, MessageDigest md, List<CopyWriter> writers,
                           long[] totalBytes, ProgressListener progress) throws IOException {
    long size = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("execution interrupted");
      }
      md.update(buffer, 0, n);
      for (CopyWriter w : writers) {
        w.write(buffer, n);
      }
      size += n;
      totalBytes[0] += n;
      progress.onProgress(totalBytes[0]);
    }
    return size;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops reading the source once no copy is left to write to. */
  private static final class AllCopiesFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AllCopiesFailed() {
      super(null, null, false, false);
    }
  }
}
