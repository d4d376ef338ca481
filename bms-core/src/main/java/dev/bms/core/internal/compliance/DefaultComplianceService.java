package dev.bms.core.internal.compliance;

import dev.bms.core.internal.RequiredStores;
import dev.bms.api.ComplianceService;
import dev.bms.api.JobService;
import dev.bms.api.NotFoundException;
import dev.bms.api.event.ComplianceEvaluatedEvent;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.RuleResult;
import dev.bms.core.internal.Lifecycle;
import dev.bms.core.internal.event.EventBus;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.ComplianceFacts;
import dev.bms.spi.ComplianceRule;
import dev.bms.spi.storage.ComplianceInputs;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates jobs against the built-in 3-2-1-1-0 rules and the plugins' rules. {@code evaluateAll}
 * reads jobs in pages of 10,000 and, per page, every fact in one batch read
 * ({@link dev.bms.spi.storage.ComplianceStore#inputs}): a fixed number of queries per page.
 */
@Singleton
public final class DefaultComplianceService implements ComplianceService {
  private static final Logger log = LoggerFactory.getLogger(DefaultComplianceService.class);
  static final int PAGE = PageRequest.MAX_LIMIT;

  private final Storage storage;
  private final JobService jobs;
  private final EventBus events;
  private final Clock clock;
  private final Lifecycle lifecycle;
  private final FactsAssembler assembler;
  private final List<ComplianceRule> rules;

  @Inject
  public DefaultComplianceService(Storage storage, JobService jobs, PluginRegistry plugins, EventBus events, Clock clock,
                                  Lifecycle lifecycle) {
    this.storage = storage;
    this.jobs = jobs;
    this.events = events;
    this.clock = clock;
    this.lifecycle = lifecycle;
    this.assembler = new FactsAssembler(plugins);
    List<ComplianceRule> all = new ArrayList<>(Rules.builtIn());
    plugins.complianceRules().stream().sorted(Comparator.comparing(ComplianceRule::id)).forEach(all::add);
    this.rules = List.copyOf(all);
  }

  /** Every rule in evaluation order: the built-in digits, then custom rules by id. */
  public List<ComplianceRule> rules() {
    return rules;
  }

  @Override
  public JobCompliance evaluate(JobId jobId) {
    lifecycle.requireRunning();
    Job job = jobs.get(jobId).orElseThrow(() -> new NotFoundException("No job with id " + jobId));
    JobCompliance result = evaluate(job, RequiredStores.compliance(storage).inputs(List.of(jobId)), now());
    events.publish(new ComplianceEvaluatedEvent(job, result.results(), result.evaluatedAt()));
    return result;
  }

  @Override
  public List<JobCompliance> evaluateAll() {
    lifecycle.requireRunning();
    Instant now = now();
    List<JobCompliance> results = new ArrayList<>();
    List<ComplianceEvaluatedEvent> evaluated = new ArrayList<>();
    PageRequest request = PageRequest.first(PAGE);
    while (request != null) {
      Page<Job> page = storage.jobs().list(JobFilter.all(), request);
      if (!page.items().isEmpty()) {
        ComplianceInputs in = RequiredStores.compliance(storage).inputs(page.items().stream().map(Job::id).toList());
        for (Job job : page.items()) {
          JobCompliance r = evaluate(job, in, now);
          results.add(r);
          evaluated.add(new ComplianceEvaluatedEvent(job, r.results(), now));
        }
      }
      request = page.nextCursor().map(c -> PageRequest.after(c, PAGE)).orElse(null);
    }
    // together: the alert engine handles the whole evaluation in a fixed number of statements
    events.publishAll(evaluated);
    return results;
  }

  private JobCompliance evaluate(Job job, ComplianceInputs in, Instant now) {
    ComplianceFacts facts = assembler.facts(job, in, CompliancePolicy.defaults(), now);
    List<RuleResult> results = new ArrayList<>(rules.size());
    for (ComplianceRule rule : rules) {
      results.add(safely(rule, facts));
    }
    return new JobCompliance(job.id(), job.name(), JobCompliance.overall(results), results,
        facts.restorePoint().map(Execution::id), now);
  }

  /** A rule that throws, or answers for another id, yields UNKNOWN rather than breaking the evaluation. */
  private static RuleResult safely(ComplianceRule rule, ComplianceFacts facts) {
    try {
      RuleResult r = Objects.requireNonNull(rule.evaluate(facts), "rule returned null");
      if (!r.ruleId().equals(rule.id())) {
        return new RuleResult(rule.id(), ComplianceStatus.UNKNOWN,
            "rule answered with id '" + r.ruleId() + "' instead of its own", List.of());
      }
      return r;
    } catch (RuntimeException e) {
      log.warn("Compliance rule '{}' failed on job {}", rule.id(), facts.job().id(), e);
      return new RuleResult(rule.id(), ComplianceStatus.UNKNOWN, "the rule failed: " + e, List.of());
    }
  }

  @Override
  public CompliancePolicy defaultPolicy() {
    lifecycle.requireRunning();
    return RequiredStores.compliance(storage).defaultPolicy().orElse(CompliancePolicy.defaults());
  }

  @Override
  public void setDefaultPolicy(CompliancePolicy policy) {
    lifecycle.requireRunning();
    RequiredStores.compliance(storage).putDefaultPolicy(Objects.requireNonNull(policy, "policy"));
  }

  @Override
  public CompliancePolicy policy(JobId jobId) {
    lifecycle.requireRunning();
    jobs.get(jobId).orElseThrow(() -> new NotFoundException("No job with id " + jobId));
    Optional<CompliancePolicy> own = RequiredStores.compliance(storage).policy(jobId);
    return own.orElseGet(this::defaultPolicy);
  }

  @Override
  public void setPolicy(JobId jobId, CompliancePolicy policy) {
    lifecycle.requireRunning();
    RequiredStores.compliance(storage).putPolicy(jobId, Objects.requireNonNull(policy, "policy"));
  }

  @Override
  public boolean clearPolicy(JobId jobId) {
    lifecycle.requireRunning();
    return RequiredStores.compliance(storage).deletePolicy(jobId);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
