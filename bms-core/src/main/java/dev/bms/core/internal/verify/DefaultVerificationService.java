package dev.bms.core.internal.verify;

import dev.bms.api.model.Inputs;
import dev.bms.core.internal.RequiredStores;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.PageRequest;
import dev.bms.api.JobService;
import dev.bms.api.NotFoundException;
import dev.bms.api.VerificationService;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopyVerification;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.IntegrityReport;
import dev.bms.api.model.Manifest;
import dev.bms.api.event.VerificationFinishedEvent;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationPolicy;
import dev.bms.api.model.VerificationSample;
import dev.bms.api.model.VerificationTrigger;
import dev.bms.core.internal.compliance.LockProofRecorder;
import dev.bms.core.internal.event.EventBus;
import dev.bms.core.internal.metrics.BmsMetrics;
import dev.bms.core.internal.metrics.Observations;
import java.util.UUID;
import dev.bms.api.model.VerificationLevel;
import dev.bms.core.internal.Lifecycle;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies restore points against the manifest bms recorded in storage when it wrote them, so a
 * copy is never checked against a manifest its own target could have altered. Every verification
 * is stored as evidence (it feeds the "0 errors" compliance digit), re-reads the locks of the
 * copies it checked, and is published as a {@link VerificationFinishedEvent}.
 */
@Singleton
public final class DefaultVerificationService implements VerificationService {
  private final Storage storage;
  private final JobService jobs;
  private final PluginRegistry plugins;
  private final RestoreTester restoreTester;
  private final Clock clock;
  private final Lifecycle lifecycle;
  private final EventBus events;
  private final LockProofRecorder lockProofs;
  private final BmsMetrics metrics;
  private final Observations observations;

  @Inject
  public DefaultVerificationService(Storage storage, JobService jobs, PluginRegistry plugins, RestoreTester restoreTester, Clock clock,
                                    Lifecycle lifecycle, EventBus events, LockProofRecorder lockProofs,
                                    BmsMetrics metrics, Observations observations) {
    this.observations = observations;
    this.metrics = metrics;
    this.events = events;
    this.lockProofs = lockProofs;
    this.storage = storage;
    this.jobs = jobs;
    this.plugins = plugins;
    this.restoreTester = restoreTester;
    this.clock = clock;
    this.lifecycle = lifecycle;
  }

  @Override
  public Verification verify(ExecutionId executionId, VerificationLevel level) {
    Inputs.requireArgument("executionId", executionId);
    Inputs.requireArgument("level", level);
    return verify(executionId, level, VerificationSample.FULL, VerificationTrigger.MANUAL).verification();
  }

  /**
   * Verifies the files of one sample slice of every successful copy, re-reads the copies' locks,
   * stores the evidence and publishes a {@link VerificationFinishedEvent}.
   */
  public VerificationEvidence verify(ExecutionId executionId, VerificationLevel level, VerificationSample sample,
                                     VerificationTrigger trigger) {
    return observations.verification(executionId, level, () -> verifyObserved(executionId, level, sample, trigger));
  }

  private VerificationEvidence verifyObserved(ExecutionId executionId, VerificationLevel level,
                                              VerificationSample sample, VerificationTrigger trigger) {
    Verification verification = check(executionId, level, sample);
    VerificationEvidence evidence = new VerificationEvidence(UUID.randomUUID().toString(), verification, trigger, sample);
    RequiredStores.verifications(storage).insert(evidence);
    metrics.verificationFinished(verification);
    Optional<Job> job = jobs.get(verification.jobId());
    job.ifPresent(j -> {
      storage.executions().find(executionId).ifPresent(e -> lockProofs.recordAll(j, e));
      events.publish(new VerificationFinishedEvent(j, verification, verification.finishedAt()));
    });
    return evidence;
  }

  @Override
  public List<VerificationEvidence> history(JobId jobId, int limit) {
    Inputs.requireArgument("jobId", jobId);
    if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
      throw new InvalidRequestException("limit: " + limit + " must be between 1 and " + PageRequest.MAX_LIMIT);
    }
    lifecycle.requireRunning();
    return RequiredStores.verifications(storage).forJob(jobId, limit);
  }

  @Override
  public void setPolicy(JobId jobId, VerificationPolicy policy) {
    Inputs.requireArgument("jobId", jobId);
    Inputs.requireArgument("policy", policy);
    lifecycle.requireRunning();
    RequiredStores.verifications(storage).putPolicy(jobId, policy, now());
  }

  @Override
  public Optional<VerificationPolicy> policy(JobId jobId) {
    Inputs.requireArgument("jobId", jobId);
    lifecycle.requireRunning();
    return RequiredStores.verifications(storage).policy(jobId);
  }

  @Override
  public boolean clearPolicy(JobId jobId) {
    Inputs.requireArgument("jobId", jobId);
    lifecycle.requireRunning();
    return RequiredStores.verifications(storage).deletePolicy(jobId);
  }

  private Verification check(ExecutionId executionId, VerificationLevel level, VerificationSample sample) {
    lifecycle.requireRunning();
    Execution execution = storage.executions().find(executionId)
        .orElseThrow(() -> new NotFoundException("No execution with id " + executionId));
    if (!execution.status().producedRestorePoint()) {
      throw new InvalidRequestException("Execution " + executionId + " is " + execution.status()
          + " and holds no restore point to verify");
    }
    Manifest manifest = storage.executions().manifest(executionId).orElseThrow(() -> new InvalidRequestException(
        "Execution " + executionId + " has no recorded manifest (reported executions are written by another tool)"));
    Manifest full = manifest;
    if (!sample.full()) {
      manifest = new Manifest(manifest.entries().stream().filter(e -> sample.contains(e.path())).toList());
    }
    Instant started = now();
    List<CopyVerification> results = new ArrayList<>();
    for (CopyResult copy : execution.copies()) {
      if (copy.succeeded() && copy.location().isPresent()) {
        results.add(verifyCopy(execution, copy, manifest, full, level));
      }
    }
    return new Verification(executionId, execution.jobId(), level, started, now(), results);
  }

  private CopyVerification verifyCopy(Execution execution, CopyResult copy, Manifest manifest, Manifest full,
                                      VerificationLevel level) {
    var spec = jobs.get(execution.jobId()).flatMap(j -> j.definition().copy(copy.copyName()));
    if (spec.isEmpty()) {
      return failed(copy, "copy '" + copy.copyName() + "' is no longer part of the job; its target configuration is unknown");
    }
    try {
      var target = plugins.target(spec.get().targetType(), spec.get().config());
      String location = copy.location().get();
      IntegrityReport report = level == VerificationLevel.CHECKSUM
          ? target.verify(location, manifest)
          : restoreTester.restoreAndCompare(target, location, manifest);
      report = UnexpectedFiles.add(report, target.list(location), full);
      return new CopyVerification(copy.copyName(), copy.targetType(), report, Optional.empty());
    } catch (IOException | RuntimeException e) {
      return failed(copy, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static CopyVerification failed(CopyResult copy, String error) {
    return new CopyVerification(copy.copyName(), copy.targetType(), new IntegrityReport(0, 0, List.of()),
        Optional.of(error));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
