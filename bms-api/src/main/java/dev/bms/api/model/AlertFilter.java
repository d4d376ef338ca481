package dev.bms.api.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which alerts to list. Empty sets and absent values do not filter.
 *
 * @param states alert states to include
 * @param severities severities to include
 * @param jobId only this job's alerts
 * @param rule only alerts of this rule
 * @param rules only alerts of one of these rules (with {@code rule}: of that rule, if it is one of
 *     them); at most 100
 * @param labels labels every listed alert must carry with these values
 * @param raisedFrom only alerts first seen at or after this instant
 * @param raisedBefore only alerts first seen before this instant
 * @since 0.1.0
 */
public record AlertFilter(Set<AlertState> states, Set<Severity> severities, Optional<JobId> jobId,
                          Optional<String> rule, Set<String> rules, Map<String, String> labels, Optional<Instant> raisedFrom,
                          Optional<Instant> raisedBefore) {
  public AlertFilter {
    states = Set.copyOf(Inputs.requireArgument("states", states));
    severities = Set.copyOf(Inputs.requireArgument("severities", severities));
    Inputs.requireArgument("jobId", jobId);
    Inputs.requireArgument("rule", rule);
    rules = Set.copyOf(Inputs.requireArgument("rules", rules));
    if (rules.size() > 100) {
      throw new dev.bms.api.InvalidRequestException("rules: " + rules.size() + " given, at most 100");
    }
    labels = Map.copyOf(Inputs.requireArgument("labels", labels));
    Inputs.requireArgument("raisedFrom", raisedFrom);
    Inputs.requireArgument("raisedBefore", raisedBefore);
  }

  /** Every alert. */
  public static AlertFilter all() {
    return new AlertFilter(Set.of(), Set.of(), Optional.empty(), Optional.empty(), Set.of(), Map.of(), Optional.empty(),
        Optional.empty());
  }

  /** Firing and acknowledged alerts. */
  public static AlertFilter open() {
    return all().withStates(Set.of(AlertState.FIRING, AlertState.ACKNOWLEDGED));
  }

  /** One job's alerts. */
  public static AlertFilter forJob(JobId jobId) {
    return all().withJob(jobId);
  }

  public AlertFilter withStates(Set<AlertState> newStates) {
    return new AlertFilter(newStates, severities, jobId, rule, rules, labels, raisedFrom, raisedBefore);
  }

  public AlertFilter withSeverities(Set<Severity> newSeverities) {
    return new AlertFilter(states, newSeverities, jobId, rule, rules, labels, raisedFrom, raisedBefore);
  }

  public AlertFilter withJob(JobId job) {
    return new AlertFilter(states, severities, Optional.of(Inputs.requireArgument("job", job)), rule, rules, labels, raisedFrom, raisedBefore);
  }

  public AlertFilter withRule(String ruleId) {
    return new AlertFilter(states, severities, jobId, Optional.of(Inputs.requireArgument("ruleId", ruleId)), rules, labels, raisedFrom, raisedBefore);
  }

  /**
   * Only alerts of one of {@code ruleIds} (empty: of any rule), e.g. the rules of anomaly findings.
   *
   * @since 0.3.0
   */
  public AlertFilter withRules(Set<String> ruleIds) {
    return new AlertFilter(states, severities, jobId, rule, ruleIds, labels, raisedFrom, raisedBefore);
  }

  public AlertFilter withLabels(Map<String, String> newLabels) {
    return new AlertFilter(states, severities, jobId, rule, rules, newLabels, raisedFrom, raisedBefore);
  }

  /** Alerts first seen in {@code [from, before)}. */
  public AlertFilter raisedBetween(Instant from, Instant before) {
    return new AlertFilter(states, severities, jobId, rule, rules, labels, Optional.of(Inputs.requireArgument("from", from)), Optional.of(Inputs.requireArgument("before", before)));
  }

  /** Whether an alert passes this filter (what storage implements in SQL). */
  public boolean test(Alert a) {
    return (states.isEmpty() || states.contains(a.state()))
        && (severities.isEmpty() || severities.contains(a.severity()))
        && jobId.map(j -> a.jobId().equals(Optional.of(j))).orElse(true)
        && rule.map(a.rule()::equals).orElse(true)
        && (rules.isEmpty() || rules.contains(a.rule()))
        && labels.entrySet().stream().allMatch(e -> e.getValue().equals(a.labels().get(e.getKey())))
        && raisedFrom.map(f -> !a.firstSeen().isBefore(f)).orElse(true)
        && raisedBefore.map(b -> a.firstSeen().isBefore(b)).orElse(true);
  }
}
