package dev.bms.core.internal.execution;

import dev.bms.api.LeaseLostException;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.alert.Fingerprints;
import dev.bms.core.internal.anomaly.DataPathProbe;
import dev.bms.core.internal.anomaly.DataPathSignals;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.BackupSource;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.storage.ExecutionOutcome;
import io.micrometer.core.instrument.Counter;
import dev.bms.core.internal.metrics.Observations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The data path of a managed execution: the calling thread reads the source once and hashes it
 * once (SHA-256, for the manifest); each copy is written by a writer thread of its own, fed
 * through a bounded queue and a bounded pool of blocks ({@link FanOut}), so memory stays bounded
 * whatever the file sizes. A failing or stalled copy is dropped alone and the others continue; the
 * execution is SUCCEEDED when every copy committed, PARTIAL when some did, FAILED when none did or
 * the source could not be read.
 */
@Singleton
public final class BackupPipeline {
  private static final Logger log = LoggerFactory.getLogger(BackupPipeline.class);
  /** Large enough that per-call overhead vanishes next to the copy itself. */
  private static final int BLOCK_SIZE = 256 * 1024;
  /** Blocks in flight per execution (4 MiB), shared by all its copies. */
  private static final int BLOCKS = 16;

  private final PluginRegistry plugins;
  private final Clock clock;
  private final Duration stallTimeout;
  private final MeterRegistry meters;
  private final Observations observations;
  private final DataPathSignals signals;

  @Inject
  public BackupPipeline(PluginRegistry plugins, Clock clock, BmsSettings settings, MeterRegistry meters,
                        Observations observations, DataPathSignals signals) {
    this.observations = observations;
    this.signals = signals;
    this.plugins = plugins;
    this.clock = clock;
    this.stallTimeout = settings.copyStallTimeout();
    this.meters = meters;
  }

  /**
   * Runs the job's backup for a RUNNING execution and returns its outcome (not yet recorded), observed
   * as {@code bms.execution} with one child {@code bms.copy} per copy, each ended with its status.
   */
  public ExecutionOutcome run(Job job, Execution execution, ProgressListener progress) {
    Observation observation = observations.execution(job, execution).start();
    List<Observation> copySpans = new ArrayList<>();
    ExecutionOutcome outcome = null;
    try (Observation.Scope scope = observation.openScope()) {
      job.definition().copies().forEach(spec -> copySpans.add(observations.copy(spec, observation)));
      outcome = backup(job, execution, progress);
      observation.lowCardinalityKeyValue("bms.status", outcome.status().name());
      return outcome;
    } catch (RuntimeException | Error e) {
      observation.error(e);
      throw e;
    } finally {
      List<CopySpec> specs = job.definition().copies();
      for (int i = 0; i < copySpans.size(); i++) {
        String name = specs.get(i).name();
        Optional<CopyResult> result = outcome == null ? Optional.empty()
            : outcome.copies().stream().filter(c -> c.copyName().equals(name)).findFirst();
        Observation span = copySpans.get(i);
        span.lowCardinalityKeyValue("bms.status", result.map(r -> r.status().name()).orElse("ABORTED"));
        result.flatMap(CopyResult::error).ifPresent(err -> span.error(new CopyFailed(err)));
        span.stop();
      }
      observation.stop();
    }
  }

  /** The error of a failed copy, for its observation. */
  private static final class CopyFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CopyFailed(String message) {
      super(message, null, false, false);
    }
  }

  private ExecutionOutcome backup(Job job, Execution execution, ProgressListener progress) {
    List<CopyChannel> channels = openChannels(job, execution);
    FanOut fan = new FanOut(channels, new Chunk.Pool(BLOCKS, BLOCK_SIZE), stallTimeout, progress);
    List<ManifestEntry> entries = new ArrayList<>();
    long[] totalBytes = {0};
    String sourceError = null;
    DataPathProbe probe = signals.open(job, execution);
    try {
      BackupSource source = plugins.source(job.definition().source().type(), job.definition().source().config());
      MessageDigest md = sha256();
      source.read((entry, content) -> {
        String path = EntryPaths.check(entry.path());
        fan.openEntry(path, entry.size());
        md.reset();
        long size = copy(content, md, fan, totalBytes, progress, probe);
        fan.closeEntry();
        String sha256 = HexFormat.of().formatHex(md.digest());
        probe.onFileDone(path, sha256);
        entries.add(new ManifestEntry(path, size, sha256, Optional.of(entry.lastModified()), entry.permissions()));
        progress.onFileDone(entries.size());
        if (!fan.anyFed()) {
          throw new AllCopiesFailed();
        }
      });
    } catch (AllCopiesFailed e) {
      // every copy recorded its own error; nothing left to write to
    } catch (LeaseLostException lost) {
      fan.abortAll("lease lost: " + lost.getMessage());
      afterwards(fan);
      throw lost;
    } catch (ExecutionStoppedException stopped) {
      sourceError = "stopped: " + stopped.getMessage();
    } catch (InterruptedIOException e) {
      sourceError = e.getMessage();
    } catch (IOException | RuntimeException e) {
      sourceError = "source '" + job.definition().source().type() + "' failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    if (sourceError != null) {
      fan.abortAll(sourceError);
      afterwards(fan);
      List<CopyResult> results = channels.stream().map(c -> c.writer().result()).toList();
      return ExecutionOutcome.fromCopies(results, now()).withSourceFailure(sourceError, totalBytes[0], entries.size());
    }
    Manifest manifest = new Manifest(entries);
    signals.finished(execution.id(), probe, manifest);
    commit(fan, manifest);
    afterwards(fan);
    List<CopyResult> results = channels.stream().map(c -> c.writer().result()).toList();
    sampleCapacities(job, execution, channels, fan);
    return ExecutionOutcome.fromCopies(results, now()).withSourceTotals(totalBytes[0], entries.size(), manifest);
  }

  /** Commits every copy still going; a stop or lost lease meanwhile gives up those not committed yet. */
  private void commit(FanOut fan, Manifest manifest) {
    try {
      fan.commit(manifest, manifest.digest());
    } catch (ExecutionStoppedException stopped) {
      fan.abortAll("stopped: " + stopped.getMessage());
    } catch (LeaseLostException lost) {
      fan.abortAll("lease lost: " + lost.getMessage());
      afterwards(fan);
      throw lost;
    } catch (InterruptedIOException e) {
      fan.abortAll(e.getMessage());
    }
  }

  /**
   * After the copies were committed (never on the data path): the capacity of each target that took
   * a copy and can report it, for the free-space forecast.
   */
  private void sampleCapacities(Job job, Execution execution, List<CopyChannel> channels, FanOut fan) {
    if (!signals.wanted(job)) {
      return;
    }
    java.util.Map<String, dev.bms.spi.TargetCapacity> sampled = new java.util.TreeMap<>();
    for (CopyChannel c : channels) {
      if (c.target() == null || fan.abandoned().contains(c) || !c.writer().result().succeeded()) {
        continue;
      }
      CopySpec spec = c.writer().spec();
      String id = Fingerprints.target(spec.targetType(), spec.config());
      signals.capacity(id, c.target()).ifPresent(cap -> sampled.put(id, cap));
    }
    signals.capacities(execution.id(), sampled);
  }

  /** Counts abandoned writer threads and replaces their target instances. */
  private void afterwards(FanOut fan) {
    for (CopyChannel c : fan.abandoned()) {
      CopySpec spec = c.writer().spec();
      log.error("Copy '{}' ({}): its writer thread ignored interrupts and abort and was abandoned; the target"
          + " instance is closed and will be recreated", spec.name(), spec.targetType());
      Counter.builder("bms.copies.abandoned")
          .description("Copy writer threads that did not return after their copy was given up")
          .tag("target", spec.targetType()).register(meters).increment();
      try {
        plugins.replaceTarget(spec.targetType(), spec.config(), c.target());
      } catch (RuntimeException e) {
        log.warn("Replacing target {} failed", spec.targetType(), e);
      }
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private List<CopyChannel> openChannels(Job job, Execution execution) {
    List<CopyChannel> channels = new ArrayList<>();
    java.util.Map<String, String> mdc = MDC.getCopyOfContextMap();
    Instant startedAt = execution.startedAt().orElse(execution.createdAt());
    for (CopySpec spec : job.definition().copies()) {
      CopyChannel channel = new CopyChannel(new CopyWriter(spec));
      channels.add(channel);
      BackupTarget target;
      try {
        target = plugins.target(spec.targetType(), spec.config());
      } catch (RuntimeException e) {
        channel.writer().giveUp("failed opening the copy: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        channel.finishUnstarted();
        continue;
      }
      WriteRequest request = new WriteRequest(job.id(), job.name(), execution.id(), spec.name(), startedAt,
          retainUntil(spec.retention().orElse(job.definition().retention()), startedAt));
      channel.start(target, request, mdc, "bms-copy-" + spec.name());
    }
    return channels;
  }

  /**
   * The lock asked of the target: a policy keeping every point younger than {@code keepWithin}
   * promises that long; GFS counts and keep-last promise no time for one point, so they ask none.
   */
  static Optional<Instant> retainUntil(RetentionPolicy policy, Instant startedAt) {
    return policy.keepWithin().isZero() ? Optional.empty() : Optional.of(startedAt.plus(policy.keepWithin()));
  }

  private static long copy(InputStream in, MessageDigest md, FanOut fan, long[] totalBytes,
                           ProgressListener progress, DataPathProbe probe) throws IOException {
    long size = 0;
    while (true) {
      Chunk chunk = fan.block();
      int n = in.read(chunk.data);
      if (n <= 0) {
        chunk.share(1);
        chunk.release();
        return size;
      }
      if (Thread.currentThread().isInterrupted()) {
        chunk.share(1);
        chunk.release();
        throw new InterruptedIOException("execution interrupted");
      }
      chunk.length = n;
      md.update(chunk.data, 0, n);
      probe.onBytes(chunk.data, n);
      fan.data(chunk);
      fan.read(n);
      size += n;
      totalBytes[0] += n;
      progress.onProgress(totalBytes[0]);
    }
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
