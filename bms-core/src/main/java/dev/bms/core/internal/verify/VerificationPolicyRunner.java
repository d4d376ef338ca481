package dev.bms.core.internal.verify;

import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationSample;
import dev.bms.api.model.VerificationTrigger;
import dev.bms.api.model.ExecutionMode;
import dev.bms.spi.storage.DuePolicy;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.VerificationStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the verifications that jobs' {@link dev.bms.api.model.VerificationPolicy policies} make due:
 * each run checks the job's newest restore point (its newest SUCCEEDED or PARTIAL execution with a
 * recorded manifest), sampled slice by slice when the policy says so. A run is claimed with a
 * compare-and-set on the policy's due time first, so with several instances each due verification
 * runs once. {@code ComplianceBackground} calls {@link #runDue} every minute on its own thread.
 */
@Singleton
public final class VerificationPolicyRunner {
  private static final Logger log = LoggerFactory.getLogger(VerificationPolicyRunner.class);
  private static final int BATCH = 100;

  private final Storage storage;
  private final DefaultVerificationService verifier;

  @Inject
  public VerificationPolicyRunner(Storage storage, DefaultVerificationService verifier) {
    this.storage = storage;
    this.verifier = verifier;
  }

  /**
   * Runs every verification due at {@code now} (at most 100 per call; call again while it returns 100).
   * A job without a verifiable restore point is skipped until its next due time. A storage without
   * verification evidence keeps no policies: nothing runs.
   *
   * @return the evidence of the verifications run
   */
  public List<VerificationEvidence> runDue(Instant now) {
    Optional<VerificationStore> store = storage.verifications();
    if (store.isEmpty()) {
      return List.of();
    }
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    List<VerificationEvidence> done = new ArrayList<>();
    for (DuePolicy due : store.get().duePolicies(at, BATCH)) {
      int slices = due.policy().sampleSlices();
      int slice = Math.floorMod(due.slice(), slices);
      Optional<Execution> point = newestRestorePoint(due);
      int nextSlice = point.isPresent() ? (slice + 1) % slices : slice;
      if (!store.get().claimPolicyRun(due.jobId(), due.dueAt(), at.plus(due.policy().every()), nextSlice)) {
        continue; // another instance runs it
      }
      if (point.isEmpty()) {
        log.info("Job {} has a verification policy but no restore point with a recorded manifest yet", due.jobId());
        continue;
      }
      try {
        done.add(verifier.verify(point.get().id(), due.policy().level(), new VerificationSample(slice, slices),
            VerificationTrigger.POLICY));
      } catch (RuntimeException e) {
        log.warn("Scheduled verification of job {} failed to run", due.jobId(), e);
      }
    }
    return done;
  }

  /**
   * The newest managed SUCCEEDED or PARTIAL execution among the job's last 20 such (managed
   * executions record their manifest; reported ones have none to verify against).
   */
  private Optional<Execution> newestRestorePoint(DuePolicy due) {
    ExecutionFilter filter = ExecutionFilter.forJob(due.jobId())
        .withStatuses(EnumSet.of(ExecutionStatus.SUCCEEDED, ExecutionStatus.PARTIAL));
    for (Execution e : storage.executions().list(filter, PageRequest.first(20)).items()) {
      if (e.mode() == ExecutionMode.MANAGED) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
