package dev.bms.api.model;

import dev.bms.api.InvalidJobException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The definition of a backup job: what to back up, when, to which copies, how long to keep it and
 * how fresh it must be. Build one with {@link #builder(String)}:
 *
 * <pre>{@code
 * BackupJob job = BackupJob.builder("payroll-files")
 *     .source("directory", Map.of("path", "/srv/payroll"))
 *     .schedule(Schedule.cron("0 2 * * *", ZoneId.of("Europe/Berlin")))
 *     .copy(CopySpec.target("filesystem", Map.of("root", "/mnt/nas/bms")).named("nas"))
 *     .retention(RetentionPolicy.gfs(7, 4, 12))
 *     .rpo(Duration.ofHours(26))
 *     .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} checks everything it can without plugins and reports every problem at
 * once in an {@link InvalidJobException}; {@code jobs().create(job)} then lets each plugin check
 * its own configuration.
 *
 * @param name unique, 1-200 characters of letters, digits, {@code . _ -} and spaces
 * @param description free text, may be empty
 * @param labels key/value labels used by filters, alert routing and reports
 * @param source what is backed up
 * @param schedule when it runs
 * @param misfirePolicy what happens to fires missed while no instance ran
 * @param copies where copies are written; at least one, names unique
 * @param retention default retention of every copy
 * @param rpo recovery point objective: the longest acceptable time since the last good backup
 * @param timeout the longest one execution may run
 * @param retry how failed copies and abandoned executions are retried
 * @param enabled whether the scheduler fires it
 * @since 0.1.0
 */
public record BackupJob(
    String name,
    String description,
    Map<String, String> labels,
    SourceSpec source,
    Schedule schedule,
    MisfirePolicy misfirePolicy,
    List<CopySpec> copies,
    RetentionPolicy retention,
    Optional<Duration> rpo,
    Optional<Duration> timeout,
    RetryPolicy retry,
    boolean enabled) {

  /** The longest interval of a {@link Schedule#interval} schedule: 10 years (3,660 days). */
  public static final Duration MAX_INTERVAL = Duration.ofDays(3660);
  /** The longest RPO: 10 years (3,660 days). */
  public static final Duration MAX_RPO = Duration.ofDays(3660);
  /** The longest timeout of one execution: 1 year (366 days). */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(366);

  /** Names may use letters, digits, space, dot, underscore and dash. */
  public static final Pattern NAME_PATTERN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,199}");

  private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,62}");

  public BackupJob {
    Inputs.requireArgument("name", name);
    Inputs.requireArgument("description", description);
    labels = Map.copyOf(labels);
    Inputs.requireArgument("source", source);
    Inputs.requireArgument("schedule", schedule);
    Inputs.requireArgument("misfirePolicy", misfirePolicy);
    copies = List.copyOf(copies);
    Inputs.requireArgument("retention", retention);
    Inputs.requireArgument("rpo", rpo);
    Inputs.requireArgument("timeout", timeout);
    Inputs.requireArgument("retry", retry);
  }

  /** A builder for a job with the given name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding this job's values, to derive a changed definition. */
  public Builder toBuilder() {
    Builder b = new Builder(name)
        .description(description)
        .labels(labels)
        .source(source)
        .schedule(schedule)
        .misfirePolicy(misfirePolicy)
        .retention(retention)
        .retry(retry)
        .enabled(enabled);
    copies.forEach(b::copy);
    rpo.ifPresent(b::rpo);
    timeout.ifPresent(b::timeout);
    return b;
  }

  /** The copy with the given name, if the job has one. */
  public Optional<CopySpec> copy(String copyName) {
    return copies.stream().filter(c -> c.name().equals(copyName)).findFirst();
  }

  /**
   * Checks everything that needs no plugin: name, labels, copies, durations. Returns every problem,
   * each naming its field; empty when the definition is structurally valid.
   */
  public List<String> structuralProblems() {
    List<String> problems = new ArrayList<>();
    if (name.isBlank()) {
      problems.add("name: must not be blank");
    } else if (!NAME_PATTERN.matcher(name).matches()) {
      problems.add("name: '" + Inputs.excerpt(name) + "' must be 1-200 letters, digits, spaces, '.', '_' or '-',"
          + " starting with a letter or digit");
    }
    if (description.length() > Inputs.MAX_TEXT_LENGTH) {
      problems.add("description: " + description.length() + " characters, more than " + Inputs.MAX_TEXT_LENGTH);
    } else if (Inputs.hasControlCharacterInText(description)) {
      problems.add("description: '" + Inputs.excerpt(description) + "' holds a control character");
    }
    labels.forEach((k, v) -> {
      if (!LABEL_KEY.matcher(k).matches()) {
        problems.add("labels: key '" + Inputs.excerpt(k) + "' must match " + LABEL_KEY.pattern());
      } else if (v.length() > 200) {
        problems.add("labels." + k + ": value '" + Inputs.excerpt(v) + "' longer than 200 characters");
      } else if (Inputs.hasControlCharacter(v)) {
        problems.add("labels." + k + ": value '" + Inputs.excerpt(v) + "' holds a control character");
      }
    });
    if (source.type().isBlank()) {
      problems.add("source.type: must not be blank");
    }
    if (copies.isEmpty()) {
      problems.add("copies: a job needs at least one copy");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < copies.size(); i++) {
      CopySpec c = copies.get(i);
      if (c.name().isBlank() || !NAME_PATTERN.matcher(c.name()).matches()) {
        problems.add("copies[" + i + "].name: '" + Inputs.excerpt(c.name()) + "' is not a valid copy name");
      } else if (!seen.add(c.name())) {
        problems.add("copies[" + i + "].name: '" + Inputs.excerpt(c.name()) + "' is used by another copy of this job");
      }
      if (c.targetType().isBlank()) {
        problems.add("copies[" + i + "].targetType: must not be blank");
      }
    }
    if (schedule instanceof Schedule.Interval interval && interval.every().compareTo(Duration.ofSeconds(1)) < 0) {
      problems.add("schedule.every: " + interval.every() + " is shorter than one second");
    }
    if (schedule instanceof Schedule.Interval interval && interval.every().compareTo(MAX_INTERVAL) > 0) {
      problems.add("schedule.every: " + interval.every() + " is longer than " + MAX_INTERVAL + " (10 years)");
    }
    if (schedule instanceof Schedule.Cron cron && cron.expression().isBlank()) {
      problems.add("schedule.expression: must not be blank");
    }
    rpo.filter(d -> d.isNegative() || d.isZero()).ifPresent(d -> problems.add("rpo: " + d + " must be positive"));
    rpo.filter(d -> d.compareTo(MAX_RPO) > 0)
        .ifPresent(d -> problems.add("rpo: " + d + " is longer than " + MAX_RPO + " (10 years)"));
    timeout.filter(d -> d.isNegative() || d.isZero()).ifPresent(d -> problems.add("timeout: " + d + " must be positive"));
    timeout.filter(d -> d.compareTo(MAX_TIMEOUT) > 0)
        .ifPresent(d -> problems.add("timeout: " + d + " is longer than " + MAX_TIMEOUT + " (1 year)"));
    return problems;
  }

  /** Builds {@link BackupJob}s; {@link #build()} reports every structural problem at once. */
  public static final class Builder {
    private String name;
    private String description = "";
    private final Map<String, String> labels = new LinkedHashMap<>();
    private SourceSpec source = SourceSpec.external();
    private Schedule schedule = Schedule.manual();
    private MisfirePolicy misfirePolicy = MisfirePolicy.CATCH_UP_ONCE;
    private final List<CopySpec> copies = new ArrayList<>();
    private RetentionPolicy retention = RetentionPolicy.forever();
    private Duration rpo;
    private Duration timeout;
    private RetryPolicy retry = RetryPolicy.none();
    private boolean enabled = true;

    private Builder(String name) {
      this.name = Inputs.requireArgument("name", name);
    }

    public Builder name(String name) {
      this.name = Inputs.requireArgument("name", name);
      return this;
    }

    public Builder description(String description) {
      this.description = Inputs.requireArgument("description", description);
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(Inputs.requireArgument("key", key), Inputs.requireArgument("value", value));
      return this;
    }

    public Builder labels(Map<String, String> labels) {
      this.labels.clear();
      this.labels.putAll(labels);
      return this;
    }

    /** The source plugin and its configuration. Without one, the job is {@link SourceSpec#external()}. */
    public Builder source(String type, Map<String, String> config) {
      return source(SourceSpec.of(type, config));
    }

    public Builder source(SourceSpec source) {
      this.source = Inputs.requireArgument("source", source);
      return this;
    }

    public Builder schedule(Schedule schedule) {
      this.schedule = Inputs.requireArgument("schedule", schedule);
      return this;
    }

    public Builder misfirePolicy(MisfirePolicy misfirePolicy) {
      this.misfirePolicy = Inputs.requireArgument("misfirePolicy", misfirePolicy);
      return this;
    }

    /** Adds a copy; unnamed copies are named {@code copy-<position>} at build time. */
    public Builder copy(CopySpec copy) {
      copies.add(Inputs.requireArgument("copy", copy));
      return this;
    }

    public Builder clearCopies() {
      copies.clear();
      return this;
    }

    public Builder retention(RetentionPolicy retention) {
      this.retention = Inputs.requireArgument("retention", retention);
      return this;
    }

    public Builder rpo(Duration rpo) {
      this.rpo = Inputs.requireArgument("rpo", rpo);
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = Inputs.requireArgument("timeout", timeout);
      return this;
    }

    public Builder retry(RetryPolicy retry) {
      this.retry = Inputs.requireArgument("retry", retry);
      return this;
    }

    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * Builds the job.
     *
     * @throws InvalidJobException listing every structural problem
     */
    public BackupJob build() {
      List<CopySpec> named = new ArrayList<>(copies.size());
      for (int i = 0; i < copies.size(); i++) {
        CopySpec c = copies.get(i);
        named.add(c.name().isEmpty() ? c.named("copy-" + (i + 1)) : c);
      }
      BackupJob job = new BackupJob(name, description, labels, source, schedule, misfirePolicy, named,
          retention, Optional.ofNullable(rpo), Optional.ofNullable(timeout), retry, enabled);
      List<String> problems = job.structuralProblems();
      if (!problems.isEmpty()) {
        throw new InvalidJobException(name, problems);
      }
      return job;
    }
  }
}
