package dev.bms.core.internal.verify;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.JobService;
import dev.bms.api.NotFoundException;
import dev.bms.api.VerificationService;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopyVerification;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.IntegrityReport;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.Verification;
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
 * copy is never checked against a manifest its own target could have altered.
 */
@Singleton
public final class DefaultVerificationService implements VerificationService {
  private final Storage storage;
  private final JobService jobs;
  private final PluginRegistry plugins;
  private final RestoreTester restoreTester;
  private final Clock clock;
  private final Lifecycle lifecycle;

  @Inject
  public DefaultVerificationService(Storage storage, JobService jobs, PluginRegistry plugins, RestoreTester restoreTester, Clock clock,
                                    Lifecycle lifecycle) {
    this.storage = storage;
    this.jobs = jobs;
    this.plugins = plugins;
    this.restoreTester = restoreTester;
    this.clock = clock;
    this.lifecycle = lifecycle;
  }

  @Override
  public Verification verify(ExecutionId executionId, VerificationLevel level) {
    lifecycle.requireRunning();
    Execution execution = storage.executions().find(executionId)
        .orElseThrow(() -> new NotFoundException("No execution with id " + executionId));
    if (!execution.status().producedRestorePoint()) {
      throw new InvalidRequestException("Execution " + executionId + " is " + execution.status()
          + " and holds no restore point to verify");
    }
    Manifest manifest = storage.executions().manifest(executionId).orElseThrow(() -> new InvalidRequestException(
        "Execution " + executionId + " has no recorded manifest (reported executions are written by another tool)"));
    Instant started = now();
    List<CopyVerification> results = new ArrayList<>();
    for (CopyResult copy : execution.copies()) {
      if (copy.succeeded() && copy.location().isPresent()) {
        results.add(verifyCopy(execution, copy, manifest, level));
      }
    }
    return new Verification(executionId, execution.jobId(), level, started, now(), results);
  }

  private CopyVerification verifyCopy(Execution execution, CopyResult copy, Manifest manifest, VerificationLevel level) {
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
