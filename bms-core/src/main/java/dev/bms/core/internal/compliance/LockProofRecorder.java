package dev.bms.core.internal.compliance;

import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.BmsEventListener;
import dev.bms.api.event.ExecutionFinishedEvent;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.LockProof;
import dev.bms.spi.storage.ComplianceStore;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the retention lock of a written copy back from its medium ({@link BackupTarget#lockedUntil})
 * and stores it as the proof compliance trusts. It runs when a copy is written (on
 * {@link ExecutionFinishedEvent}) and again whenever the copy is verified, so {@code evaluateAll()}
 * never touches 10,000 targets: it reads the stored proofs. Only copies that claim a lock (their
 * target declares immutability, or the write reported one) are read back.
 */
@Singleton
public final class LockProofRecorder implements BmsEventListener {
  private static final Logger log = LoggerFactory.getLogger(LockProofRecorder.class);

  private final Storage storage;
  private final PluginRegistry plugins;
  private final Clock clock;

  @Inject
  public LockProofRecorder(Storage storage, PluginRegistry plugins, Clock clock) {
    this.storage = storage;
    this.plugins = plugins;
    this.clock = clock;
  }

  @Override
  public void onEvent(BmsEvent event) {
    if (event instanceof ExecutionFinishedEvent finished && finished.execution().status().producedRestorePoint()) {
      recordAll(finished.job(), finished.execution());
    }
  }

  /** Reads back and stores the lock of every successful copy of the execution that claims one. */
  public void recordAll(Job job, Execution execution) {
    for (CopyResult copy : execution.copies()) {
      Optional<CopySpec> spec = job.definition().copy(copy.copyName());
      if (copy.succeeded() && copy.location().isPresent() && spec.isPresent()) {
        record(execution, copy, spec.get());
      }
    }
  }

  /**
   * Reads back and stores one copy's lock, if the copy claims one; failures are logged (no proof is
   * no proof). A storage without compliance facts keeps no proofs: nothing is read.
   */
  public void record(Execution execution, CopyResult copy, CopySpec spec) {
    Optional<ComplianceStore> proofs = storage.compliance();
    if (proofs.isEmpty()) {
      return;
    }
    try {
      BackupTarget target = plugins.target(spec.targetType(), spec.config());
      if (!target.capabilities().immutable() && copy.immutableUntil().isEmpty()) {
        return;
      }
      Optional<Instant> until = target.lockedUntil(copy.location().orElseThrow());
      proofs.get().recordLockProof(execution.id(), copy.copyName(),
          new LockProof(until, clock.instant().truncatedTo(ChronoUnit.MICROS), target.capabilities().lockEnforcement()));
    } catch (IOException | RuntimeException e) {
      log.warn("Could not read back the lock of copy '{}' of execution {}: {}", copy.copyName(), execution.id(),
          e.getMessage());
    }
  }
}
