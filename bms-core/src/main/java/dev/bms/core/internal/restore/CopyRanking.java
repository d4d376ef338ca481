package dev.bms.core.internal.restore;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyVerification;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.TargetCapabilities;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orders the copies of a restore point for reading: copies whose latest verification of this
 * restore point passed first, then never-verified ones, then failed ones; within each, the cheaper
 * medium first (online before offline, onsite before offsite, local disk before network share,
 * remote host, object storage, optical and tape, as the target declares); then the job's copy order.
 */
final class CopyRanking {
  private CopyRanking() {
  }

  static List<CopyCandidate> rank(Job job, Execution point, Optional<String> named, List<VerificationEvidence> evidence,
                                  PluginRegistry plugins) {
    Map<String, Boolean> verified = latestVerdicts(point, evidence);
    record Ranked(CopyCandidate candidate, int verification, int medium, int position) {
    }
    List<Ranked> ranked = new ArrayList<>();
    int position = 0;
    for (CopyResult copy : point.copies()) {
      position++;
      if (!copy.succeeded() || copy.location().isEmpty()) {
        continue;
      }
      if (named.isPresent() && !named.get().equals(copy.copyName())) {
        continue;
      }
      Optional<CopySpec> spec = job.definition().copy(copy.copyName());
      if (spec.isEmpty()) {
        continue; // its target configuration is no longer known
      }
      var target = plugins.target(spec.get().targetType(), spec.get().config());
      TargetCapabilities caps = target.capabilities();
      Boolean passed = verified.get(copy.copyName());
      int verification = passed == null ? 1 : passed ? 0 : 2;
      String why = (passed == null ? "not verified" : passed ? "latest verification passed" : "latest verification failed")
          + ", " + caps.mediaType() + (caps.offsite() ? " offsite" : " onsite") + (caps.offline() ? " offline" : "");
      ranked.add(new Ranked(new CopyCandidate(copy.copyName(), spec.get().targetType(), copy.location().get(), target, why),
          verification, mediumCost(caps), position));
    }
    if (named.isPresent() && ranked.isEmpty()) {
      throw new InvalidRequestException("copyName: '" + Selection.shorten(named.get())
          + "' is not a successful copy of restore point " + point.id());
    }
    ranked.sort(Comparator.comparingInt(Ranked::verification).thenComparingInt(Ranked::medium)
        .thenComparingInt(Ranked::position));
    return ranked.stream().map(Ranked::candidate).toList();
  }

  /** Lower is cheaper to read from. */
  static int mediumCost(TargetCapabilities caps) {
    int medium = switch (caps.mediaType()) {
      case LOCAL_DISK -> 0;
      case NETWORK_SHARE -> 1;
      case REMOTE_HOST -> 2;
      case OBJECT_STORAGE, OTHER -> 3;
      case OPTICAL -> 4;
      case TAPE -> 5;
    };
    return (caps.offline() ? 100 : 0) + (caps.offsite() ? 10 : 0) + medium;
  }

  /** Per copy name, whether the newest verification of this restore point that checked it passed. */
  private static Map<String, Boolean> latestVerdicts(Execution point, List<VerificationEvidence> newestFirst) {
    Map<String, Boolean> verdicts = new HashMap<>();
    for (VerificationEvidence e : newestFirst) {
      if (!e.verification().executionId().equals(point.id())) {
        continue;
      }
      for (CopyVerification c : e.verification().copies()) {
        verdicts.putIfAbsent(c.copyName(), c.passed());
      }
    }
    return verdicts;
  }
}
