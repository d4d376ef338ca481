package dev.bms.core.internal.compliance;

import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.MediaType;
import dev.bms.api.model.RuleResult;
import dev.bms.spi.ComplianceFacts;
import dev.bms.spi.ComplianceRule;
import dev.bms.spi.CopyFacts;
import dev.bms.spi.TargetCapabilities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "2 media": distinct media types among the counted copies, as their targets declare them. With
 * {@code distinctFailureDomains} the copies counted must also be in pairwise distinct failure
 * domains: the largest such set is a maximum bipartite matching between media types and failure
 * domains, each copy an edge (found with augmenting paths; jobs have a handful of copies).
 */
final class MediaRule implements ComplianceRule {
  @Override
  public String id() {
    return Rules.MEDIA;
  }

  @Override
  public String label() {
    return "2 Media Types";
  }

  @Override
  public RuleResult evaluate(ComplianceFacts facts) {
    CopyScope scope = CopyScope.of(facts);
    if (scope.problem().isPresent()) {
      return Rules.outOfScope(id(), scope);
    }
    List<CopyFacts> known = new ArrayList<>();
    List<String> unknownTargets = new ArrayList<>();
    for (CopyFacts c : scope.copies()) {
      if (c.capabilities().isPresent()) {
        known.add(c);
      } else {
        unknownTargets.add(c.copyName());
      }
    }
    boolean domains = facts.policy().distinctFailureDomains();
    List<CopyFacts> counted = domains ? matching(known) : onePerMediaType(known);
    int required = facts.policy().minMediaTypes();
    List<String> described = counted.stream().map(c -> c.copyName() + " (" + c.capabilities().get().mediaType()
        + (domains ? " in " + c.capabilities().get().failureDomain() : "") + ")").toList();
    String reason = counted.size() + (domains ? " media types in distinct failure domains (" : " media types (")
        + Rules.list(described) + ") among the copies of " + scope.restorePoint() + "; the policy requires " + required;
    List<String> names = counted.stream().map(CopyFacts::copyName).toList();
    if (counted.size() >= required) {
      return new RuleResult(id(), ComplianceStatus.PASS, reason, names);
    }
    if (counted.size() + unknownTargets.size() >= required) {
      return new RuleResult(id(), ComplianceStatus.UNKNOWN, reason + "; the targets of " + Rules.list(unknownTargets)
          + " cannot be reached to read their media type", names, unknownTargets);
    }
    return new RuleResult(id(), ComplianceStatus.FAIL, reason, names);
  }

  private static List<CopyFacts> onePerMediaType(List<CopyFacts> copies) {
    Map<MediaType, CopyFacts> first = new LinkedHashMap<>();
    copies.forEach(c -> first.putIfAbsent(c.capabilities().get().mediaType(), c));
    return List.copyOf(first.values());
  }

  /** The largest set of copies with pairwise distinct media types and pairwise distinct failure domains. */
  static List<CopyFacts> matching(List<CopyFacts> copies) {
    Map<MediaType, CopyFacts> byMedia = new LinkedHashMap<>();   // media type -> copy matched to it
    Map<String, MediaType> domainOwner = new LinkedHashMap<>();  // failure domain -> media type using it
    for (MediaType media : copies.stream().map(c -> c.capabilities().get().mediaType()).distinct().toList()) {
      augment(media, copies, byMedia, domainOwner, new java.util.HashSet<>());
    }
    return copies.stream().filter(byMedia::containsValue).toList();
  }

  private static boolean augment(MediaType media, List<CopyFacts> copies, Map<MediaType, CopyFacts> byMedia,
                                 Map<String, MediaType> domainOwner, java.util.Set<String> visited) {
    for (CopyFacts c : copies) {
      TargetCapabilities caps = c.capabilities().get();
      if (caps.mediaType() != media || !visited.add(caps.failureDomain())) {
        continue;
      }
      MediaType holder = domainOwner.get(caps.failureDomain());
      if (holder == null || augment(holder, copies, byMedia, domainOwner, visited)) {
        domainOwner.put(caps.failureDomain(), media);
        byMedia.put(media, c);
        return true;
      }
    }
    return false;
  }
}
