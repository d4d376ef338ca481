package dev.bms.core.internal.compliance;

import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationLevel;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.ComplianceFacts;
import dev.bms.spi.CopyFacts;
import dev.bms.spi.LockProof;
import dev.bms.spi.TargetCapabilities;
import dev.bms.spi.storage.ComplianceInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a job with what storage holds about it ({@link ComplianceInputs}) and what its targets
 * declare into the {@link ComplianceFacts} rules read. No I/O beyond creating (and caching) target
 * instances to read their declared capabilities; locks come from the stored proofs.
 */
final class FactsAssembler {
  private static final Logger log = LoggerFactory.getLogger(FactsAssembler.class);

  private final PluginRegistry plugins;

  FactsAssembler(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  ComplianceFacts facts(Job job, ComplianceInputs in, CompliancePolicy fallback, Instant now) {
    CompliancePolicy policy = in.policies().getOrDefault(job.id(), in.defaultPolicy().orElse(fallback));
    Optional<Execution> point = Optional.ofNullable(in.restorePoints().get(job.id()));
    List<CopyFacts> copies = new ArrayList<>();
    point.ifPresent(e -> {
      Map<String, LockProof> locks = in.lockProofs().getOrDefault(e.id(), Map.of());
      for (CopyResult c : e.copies()) {
        if (c.succeeded()) {
          copies.add(copyFacts(job, c, Optional.ofNullable(locks.get(c.copyName()))));
        }
      }
    });
    Map<VerificationLevel, VerificationEvidence> verifications = in.verifications().getOrDefault(job.id(), Map.of());
    return new ComplianceFacts(job, policy, point, copies, verifications, now);
  }

  private CopyFacts copyFacts(Job job, CopyResult c, Optional<LockProof> lock) {
    Optional<CopySpec> spec = job.definition().copy(c.copyName());
    Optional<TargetCapabilities> caps = spec.flatMap(this::capabilities);
    boolean claims = c.immutableUntil().isPresent() || caps.map(TargetCapabilities::immutable).orElse(false);
    String type = c.targetType().isEmpty() ? spec.map(CopySpec::targetType).orElse("") : c.targetType();
    return new CopyFacts(c.copyName(), type, caps, spec.map(CopySpec::offsite).orElse(false), claims, lock);
  }

  private Optional<TargetCapabilities> capabilities(CopySpec spec) {
    try {
      return Optional.of(plugins.target(spec.targetType(), spec.config()).capabilities());
    } catch (RuntimeException e) {
      log.debug("Cannot read the capabilities of target '{}': {}", spec.targetType(), e.getMessage());
      return Optional.empty();
    }
  }
}
