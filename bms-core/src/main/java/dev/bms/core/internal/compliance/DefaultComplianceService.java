package dev.bms.core.internal.compliance;

import dev.bms.core.internal.Arguments;
import dev.bms.api.model.Inputs;
import dev.bms.core.internal.RequiredStores;
import dev.bms.api.ComplianceService;
import dev.bms.api.JobService;
import dev.bms.api.NotFoundException;
import dev.bms.api.event.ComplianceEvaluatedEvent;
import dev.bms.api.model.ComplianceCounts;
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
import dev.bms.api.model.VerdictPage;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates jobs against the built-in 3-2-1-1-0 rules and the plugins' rules. {@code evaluateAll}
 * reads jobs in pages of 10,000 and, per page, every fact in one batch read
 * ({@link dev.bms.spi.storage.ComplianceStore#inputs}) and the stored verdicts: a fixed number of
 * queries per page. Only verdicts that differ from the stored ones are written and published.
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
  private final ComplianceDirty dirty;

  @Inject
  public DefaultComplianceService(Storage storage, JobService jobs, PluginRegistry plugins, EventBus events, Clock clock,
                                  Lifecycle lifecycle, ComplianceDirty dirty) {
    this.dirty = dirty;
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
    Inputs.requireArgument("jobId", jobId);
    lifecycle.requireRunning();
    Job job = jobs.get(jobId).orElseThrow(() -> new NotFoundException("No job with id " + jobId));
    return evaluateAndStore(List.of(job), now()).get(0);
  }

  @Override
  public List<JobCompliance> evaluateAll() {
    lifecycle.requireRunning();
    Instant now = now();
    List<JobCompliance> results = new ArrayList<>();
    PageRequest request = PageRequest.first(PAGE);
    while (request != null) {
      Page<Job> page = storage.jobs().list(JobFilter.all(), request);
      results.addAll(evaluateAndStore(page.items(), now));
      request = page.nextCursor().map(c -> PageRequest.after(c, PAGE)).orElse(null);
    }
    return results;
  }

  /** Re-evaluates these jobs (those deleted meanwhile are skipped), at most {@link #PAGE} per batch. */
  void refresh(List<JobId> ids) {
    Instant now = now();
    for (int from = 0; from < ids.size(); from += PAGE) {
      List<Job> batch = new ArrayList<>();
      for (JobId id : ids.subList(from, Math.min(ids.size(), from + PAGE))) {
        jobs.get(id).ifPresent(batch::add);
      }
      evaluateAndStore(batch, now);
    }
  }

  /**
   * Evaluates a batch of jobs in a fixed number of statements: reads their facts and stored
   * verdicts, stores the verdicts that differ and publishes those (together, so the alert engine
   * handles them in a fixed number of statements too). Unchanged verdicts write nothing.
   */
  private List<JobCompliance> evaluateAndStore(List<Job> batch, Instant now) {
    if (batch.isEmpty()) {
      return List.of();
    }
    List<JobId> ids = batch.stream().map(Job::id).toList();
    ComplianceInputs in = RequiredStores.compliance(storage).inputs(ids);
    Map<JobId, JobCompliance> stored = RequiredStores.compliance(storage).verdicts(ids);
    List<JobCompliance> results = new ArrayList<>(batch.size());
    List<JobCompliance> changed = new ArrayList<>();
    List<ComplianceEvaluatedEvent> events = new ArrayList<>();
    for (Job job : batch) {
      JobCompliance r = evaluate(job, in, now);
      results.add(r);
      JobCompliance before = stored.get(job.id());
      if (before == null || !sameVerdict(before, r)) {
        changed.add(r);
        events.add(new ComplianceEvaluatedEvent(job, r.results(), now));
      }
    }
    if (!changed.isEmpty()) {
      RequiredStores.compliance(storage).putVerdicts(changed);
      this.events.publishAll(events);
    }
    return results;
  }

  /** Same status, restore point and per-rule results; the time and the job's name do not count. */
  static boolean sameVerdict(JobCompliance a, JobCompliance b) {
    return a.status() == b.status() && a.restorePoint().equals(b.restorePoint()) && a.results().equals(b.results());
  }

  @Override
  public VerdictPage verdicts(PageRequest request) {
    Arguments.page("request", request);
    return verdicts(Optional.empty(), request);
  }

  @Override
  public VerdictPage verdicts(ComplianceStatus status, PageRequest request) {
    Inputs.requireArgument("status", status);
    Arguments.page("request", request);
    return verdicts(Optional.of(status), request);
  }

  private VerdictPage verdicts(Optional<ComplianceStatus> status, PageRequest request) {
    lifecycle.requireRunning();
    // the page and its total on one connection where the storage can
    return storage.transactions().isPresent()
        ? storage.transactions().get().reading(() -> readVerdicts(status, request))
        : readVerdicts(status, request);
  }

  private VerdictPage readVerdicts(Optional<ComplianceStatus> status, PageRequest request) {
    Page<JobCompliance> page = RequiredStores.compliance(storage).listVerdicts(status, request);
    long total = page.nextCursor().isEmpty() && request.cursor().isEmpty()
        ? page.items().size() : RequiredStores.compliance(storage).countVerdicts(status);
    return new VerdictPage(page.items(), page.nextCursor(), total);
  }

  @Override
  public ComplianceCounts counts() {
    lifecycle.requireRunning();
    return storedCounts();
  }

  /** {@link #counts()} whether or not the manager runs yet (for gauges refreshed during start). */
  public ComplianceCounts storedCounts() {
    return VerdictCounts.of(RequiredStores.compliance(storage).verdictCounts(), rules);
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
    Inputs.requireArgument("policy", policy);
    lifecycle.requireRunning();
    RequiredStores.compliance(storage).putDefaultPolicy(policy);
    dirty.markAll();
  }

  @Override
  public CompliancePolicy policy(JobId jobId) {
    Inputs.requireArgument("jobId", jobId);
    lifecycle.requireRunning();
    jobs.get(jobId).orElseThrow(() -> new NotFoundException("No job with id " + jobId));
    Optional<CompliancePolicy> own = RequiredStores.compliance(storage).policy(jobId);
    return own.orElseGet(this::defaultPolicy);
  }

  @Override
  public void setPolicy(JobId jobId, CompliancePolicy policy) {
    Inputs.requireArgument("jobId", jobId);
    Inputs.requireArgument("policy", policy);
    lifecycle.requireRunning();
    RequiredStores.compliance(storage).putPolicy(jobId, policy);
    dirty.mark(jobId);
  }

  @Override
  public boolean clearPolicy(JobId jobId) {
    Inputs.requireArgument("jobId", jobId);
    lifecycle.requireRunning();
    boolean had = RequiredStores.compliance(storage).deletePolicy(jobId);
    dirty.mark(jobId);
    return had;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
