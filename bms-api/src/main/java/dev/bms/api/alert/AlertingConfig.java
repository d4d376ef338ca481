package dev.bms.api.alert;

import dev.bms.api.InvalidConfigException;
import dev.bms.api.model.Severity;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How bms raises and delivers alerts: notifier instances, routes, severities, acknowledgement SLAs
 * and delivery limits. Give it to {@code Bms.builder().alerting(config)}; without it alerts are
 * still raised and stored, but nobody is notified.
 *
 * <pre>{@code
 * AlertingConfig alerting = AlertingConfig.builder()
 *     .notifier("ops-mail", "email", Map.of("host", "smtp.example.com", "from", "bms@example.com", "to", "ops@example.com"))
 *     .notifier("slack", "webhook", Map.of("url", slackUrl, "format", "SLACK"))
 *     .route(AlertRoute.builder("critical").severities(Severity.CRITICAL).notifiers("ops-mail", "slack").sendResolved(true).build())
 *     .route(AlertRoute.builder("rest").notifiers("slack").build())
 *     .fallback("ops-mail")
 *     .build();
 * }</pre>
 *
 * <p>Per job, labels override a rule's severity: {@code bms.alert.severity=INFO} for every rule of
 * the job, {@code bms.alert.severity.execution-failed=WARNING} for one rule.
 *
 * @param notifiers configured notifier instances
 * @param routes which alerts go to which notifiers
 * @param fallback the notifier used when every notifier of a notification failed for good
 * @param ruleSeverities severity per rule id, overriding {@link AlertRule#defaultSeverity()}
 * @param ackSla time to acknowledge per severity (default critical 15 min, warning 2 h, info 24 h)
 * @param consecutiveFailures how many failed executions in a row raise {@code consecutive-failures}
 * @param targetFailingJobs how many distinct jobs failing on one target raise {@code target-failing}
 * @param repeatInterval an open, unacknowledged alert is notified again after this long
 * @param groupWindow notifications due for one notifier within this window are sent as one
 * @param inhibitByFailingTarget whether an open {@code target-failing} alert mutes the per-job
 *     alerts whose failed copies are all on failing targets
 * @param digestAt when the daily digest of open alerts is sent, if at all
 * @param digestZone the time zone of {@code digestAt}
 * @param digestNotifiers who gets the digest
 * @param evaluationInterval how often SLA deadlines, repeats and the digest are checked
 * @param deliveryTimeout how long one {@code Notifier.send} may take before it is interrupted
 * @param queueCapacity notifications waiting per notifier before new ones are dropped (and counted)
 * @param maxAttempts attempts per notification and notifier on retryable failures
 * @param retryBackoff wait before the second attempt, doubled for each further one
 * @param rateLimitPermits notifications per notifier and {@code rateLimitInterval}
 * @param rateLimitInterval the window of the rate limit
 * @since 0.1.0
 */
public record AlertingConfig(
    List<NotifierSpec> notifiers,
    List<AlertRoute> routes,
    Optional<String> fallback,
    Map<String, Severity> ruleSeverities,
    Map<Severity, Duration> ackSla,
    int consecutiveFailures,
    int targetFailingJobs,
    Duration repeatInterval,
    Duration groupWindow,
    boolean inhibitByFailingTarget,
    Optional<LocalTime> digestAt,
    ZoneId digestZone,
    List<String> digestNotifiers,
    Duration evaluationInterval,
    Duration deliveryTimeout,
    int queueCapacity,
    int maxAttempts,
    Duration retryBackoff,
    long rateLimitPermits,
    Duration rateLimitInterval) {

  /** The reference report's acknowledgement SLAs. */
  public static final Map<Severity, Duration> DEFAULT_ACK_SLA = Map.of(
      Severity.CRITICAL, Duration.ofMinutes(15),
      Severity.WARNING, Duration.ofHours(2),
      Severity.INFO, Duration.ofHours(24));

  public AlertingConfig {
    notifiers = List.copyOf(notifiers);
    routes = List.copyOf(routes);
    Objects.requireNonNull(fallback, "fallback");
    ruleSeverities = Map.copyOf(ruleSeverities);
    Map<Severity, Duration> sla = new EnumMap<>(DEFAULT_ACK_SLA);
    sla.putAll(ackSla);
    ackSla = Map.copyOf(sla);
    Objects.requireNonNull(repeatInterval, "repeatInterval");
    Objects.requireNonNull(groupWindow, "groupWindow");
    Objects.requireNonNull(digestAt, "digestAt");
    Objects.requireNonNull(digestZone, "digestZone");
    digestNotifiers = List.copyOf(digestNotifiers);
    Objects.requireNonNull(evaluationInterval, "evaluationInterval");
    Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(rateLimitInterval, "rateLimitInterval");
    List<String> problems = problems(notifiers, routes, fallback, ruleSeverities, ackSla, consecutiveFailures,
        targetFailingJobs, repeatInterval, groupWindow, digestAt, digestNotifiers, evaluationInterval,
        deliveryTimeout, queueCapacity, maxAttempts, retryBackoff, rateLimitPermits, rateLimitInterval);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException("alerting", problems);
    }
  }

  /** No notifiers: alerts are raised and stored, nobody is notified. */
  public static AlertingConfig defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The severity of a rule, before per-job label overrides. */
  public Severity severityOf(AlertRule rule) {
    return ruleSeverities.getOrDefault(rule.id(), rule.defaultSeverity());
  }

  /** The configured notifier of that name. */
  public Optional<NotifierSpec> notifier(String name) {
    return notifiers.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  private static List<String> problems(List<NotifierSpec> notifiers, List<AlertRoute> routes, Optional<String> fallback,
                                       Map<String, Severity> ruleSeverities, Map<Severity, Duration> ackSla,
                                       int consecutiveFailures, int targetFailingJobs, Duration repeatInterval,
                                       Duration groupWindow, Optional<LocalTime> digestAt, List<String> digestNotifiers,
                                       Duration evaluationInterval, Duration deliveryTimeout, int queueCapacity,
                                       int maxAttempts, Duration retryBackoff, long rateLimitPermits,
                                       Duration rateLimitInterval) {
    List<String> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (NotifierSpec n : notifiers) {
      if (!names.add(n.name())) {
        problems.add("notifiers: the name '" + n.name() + "' is used twice");
      }
    }
    for (AlertRoute r : routes) {
      for (String n : r.notifiers()) {
        if (!names.contains(n)) {
          problems.add("routes." + r.name() + ".notifiers: no notifier named '" + n + "'");
        }
      }
      for (String rule : r.rules()) {
        if (AlertRule.byId(rule).isEmpty()) {
          problems.add("routes." + r.name() + ".rules: unknown rule '" + rule + "'");
        }
      }
    }
    fallback.filter(f -> !names.contains(f)).ifPresent(f -> problems.add("fallback: no notifier named '" + f + "'"));
    for (String n : digestNotifiers) {
      if (!names.contains(n)) {
        problems.add("digestNotifiers: no notifier named '" + n + "'");
      }
    }
    if (digestAt.isPresent() && digestNotifiers.isEmpty()) {
      problems.add("digestNotifiers: a daily digest at " + digestAt.get() + " needs at least one notifier");
    }
    ruleSeverities.keySet().stream().filter(r -> AlertRule.byId(r).isEmpty())
        .forEach(r -> problems.add("ruleSeverities: unknown rule '" + r + "'"));
    ackSla.forEach((s, d) -> positive(problems, "ackSla." + s, d));
    if (consecutiveFailures < 2) {
      problems.add("consecutiveFailures: " + consecutiveFailures + " must be at least 2");
    }
    if (targetFailingJobs < 1) {
      problems.add("targetFailingJobs: " + targetFailingJobs + " must be at least 1");
    }
    positive(problems, "repeatInterval", repeatInterval);
    if (groupWindow.isNegative()) {
      problems.add("groupWindow: " + groupWindow + " must not be negative");
    }
    positive(problems, "evaluationInterval", evaluationInterval);
    positive(problems, "deliveryTimeout", deliveryTimeout);
    positive(problems, "retryBackoff", retryBackoff);
    positive(problems, "rateLimitInterval", rateLimitInterval);
    if (queueCapacity < 1) {
      problems.add("queueCapacity: " + queueCapacity + " must be at least 1");
    }
    if (maxAttempts < 1) {
      problems.add("maxAttempts: " + maxAttempts + " must be at least 1");
    }
    if (rateLimitPermits < 1) {
      problems.add("rateLimitPermits: " + rateLimitPermits + " must be at least 1");
    }
    return problems;
  }

  private static void positive(List<String> problems, String what, Duration d) {
    if (d.isZero() || d.isNegative()) {
      problems.add(what + ": " + d + " must be positive");
    }
  }

  /** Builds an {@link AlertingConfig}; {@link #build()} reports every problem at once. */
  public static final class Builder {
    private final List<NotifierSpec> notifiers = new ArrayList<>();
    private final List<AlertRoute> routes = new ArrayList<>();
    private String fallback;
    private final Map<String, Severity> ruleSeverities = new LinkedHashMap<>();
    private final Map<Severity, Duration> ackSla = new EnumMap<>(Severity.class);
    private int consecutiveFailures = 3;
    private int targetFailingJobs = 2;
    private Duration repeatInterval = Duration.ofHours(4);
    private Duration groupWindow = Duration.ofSeconds(5);
    private boolean inhibitByFailingTarget = true;
    private LocalTime digestAt;
    private ZoneId digestZone = ZoneOffset.UTC;
    private final List<String> digestNotifiers = new ArrayList<>();
    private Duration evaluationInterval = Duration.ofSeconds(30);
    private Duration deliveryTimeout = Duration.ofSeconds(60);
    private int queueCapacity = 1000;
    private int maxAttempts = 5;
    private Duration retryBackoff = Duration.ofSeconds(30);
    private long rateLimitPermits = 30;
    private Duration rateLimitInterval = Duration.ofMinutes(1);

    private Builder() {
    }

    /** A notifier instance routes can name. */
    public Builder notifier(String name, String type, Map<String, String> config) {
      notifiers.add(new NotifierSpec(name, type, config));
      return this;
    }

    /** A route; every matching route is used. */
    public Builder route(AlertRoute route) {
      routes.add(Objects.requireNonNull(route, "route"));
      return this;
    }

    /** The notifier used when all notifiers of a notification failed for good. */
    public Builder fallback(String notifierName) {
      this.fallback = Objects.requireNonNull(notifierName, "notifierName");
      return this;
    }

    /** The severity of a rule (default: {@link AlertRule#defaultSeverity()}). */
    public Builder severity(AlertRule rule, Severity severity) {
      ruleSeverities.put(rule.id(), Objects.requireNonNull(severity, "severity"));
      return this;
    }

    /** The time allowed to acknowledge alerts of a severity. */
    public Builder ackSla(Severity severity, Duration sla) {
      ackSla.put(Objects.requireNonNull(severity, "severity"), Objects.requireNonNull(sla, "sla"));
      return this;
    }

    /** Failed executions in a row that raise {@code consecutive-failures} (default 3). */
    public Builder consecutiveFailures(int n) {
      this.consecutiveFailures = n;
      return this;
    }

    /** Distinct jobs failing on one target that raise {@code target-failing} (default 2). */
    public Builder targetFailingJobs(int n) {
      this.targetFailingJobs = n;
      return this;
    }

    /** Re-notify open unacknowledged alerts after this long (default 4 h). */
    public Builder repeatInterval(Duration d) {
      this.repeatInterval = Objects.requireNonNull(d, "repeatInterval");
      return this;
    }

    /** Batch notifications due for one notifier within this window (default 5 s; zero sends at once). */
    public Builder groupWindow(Duration d) {
      this.groupWindow = Objects.requireNonNull(d, "groupWindow");
      return this;
    }

    /** Whether a failing-target alert mutes the per-job alerts it causes (default true). */
    public Builder inhibitByFailingTarget(boolean inhibit) {
      this.inhibitByFailingTarget = inhibit;
      return this;
    }

    /** A daily digest of open alerts at {@code at} in {@code zone}, to these notifiers. */
    public Builder dailyDigest(LocalTime at, ZoneId zone, String... notifierNames) {
      this.digestAt = Objects.requireNonNull(at, "at");
      this.digestZone = Objects.requireNonNull(zone, "zone");
      digestNotifiers.addAll(List.of(notifierNames));
      return this;
    }

    /** How often deadlines, repeats and the digest are checked (default 30 s). */
    public Builder evaluationInterval(Duration d) {
      this.evaluationInterval = Objects.requireNonNull(d, "evaluationInterval");
      return this;
    }

    /** How long one send may take before it is interrupted and counted as failed (default 60 s). */
    public Builder deliveryTimeout(Duration d) {
      this.deliveryTimeout = Objects.requireNonNull(d, "deliveryTimeout");
      return this;
    }

    /** Notifications waiting per notifier before new ones are dropped (default 1000). */
    public Builder queueCapacity(int n) {
      this.queueCapacity = n;
      return this;
    }

    /** Attempts per notification and notifier, and the first retry wait, doubled each time (default 5, 30 s). */
    public Builder retries(int maxAttempts, Duration backoff) {
      this.maxAttempts = maxAttempts;
      this.retryBackoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** At most {@code permits} notifications per notifier per {@code interval} (default 30 per minute). */
    public Builder rateLimit(long permits, Duration interval) {
      this.rateLimitPermits = permits;
      this.rateLimitInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * The configuration.
     *
     * @throws InvalidConfigException listing every problem
     */
    public AlertingConfig build() {
      return new AlertingConfig(notifiers, routes, Optional.ofNullable(fallback), ruleSeverities, ackSla,
          consecutiveFailures, targetFailingJobs, repeatInterval, groupWindow, inhibitByFailingTarget,
          Optional.ofNullable(digestAt), digestZone, digestNotifiers, evaluationInterval, deliveryTimeout,
          queueCapacity, maxAttempts, retryBackoff, rateLimitPermits, rateLimitInterval);
    }
  }
}
