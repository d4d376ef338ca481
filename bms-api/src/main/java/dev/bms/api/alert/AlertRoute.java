package dev.bms.api.alert;

import dev.bms.api.model.Severity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sends the alerts it matches to its notifiers. An alert matches when its severity is among
 * {@link #severities()} (empty: any), its rule among {@link #rules()} (empty: any) and its labels
 * (the job's labels plus {@code bms.rule}, {@code bms.severity}, {@code bms.job}) carry every
 * {@link #matchers()} entry. Every matching route is used; a notifier listed by several matching
 * routes gets each notification once.
 *
 * @param name for logs and metrics
 * @param severities severities matched; empty for all
 * @param rules rule ids matched (see {@link AlertRule#id()}); empty for all
 * @param matchers required label values
 * @param notifiers names of configured notifiers
 * @param sendResolved whether these notifiers also hear when the alert resolves
 * @since 0.1.0
 */
public record AlertRoute(String name, Set<Severity> severities, Set<String> rules, Map<String, String> matchers,
                         List<String> notifiers, boolean sendResolved) {
  public AlertRoute {
    Objects.requireNonNull(name, "name");
    severities = severities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(severities));
    rules = Set.copyOf(rules);
    matchers = Map.copyOf(matchers);
    notifiers = List.copyOf(notifiers);
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: a route needs a name");
    }
    if (notifiers.isEmpty()) {
      throw new IllegalArgumentException("notifiers: route '" + name + "' names no notifier");
    }
  }

  /** A route builder. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Whether an alert with this rule, severity and labels takes this route. */
  public boolean matches(String rule, Severity severity, Map<String, String> labels) {
    return (severities.isEmpty() || severities.contains(severity))
        && (rules.isEmpty() || rules.contains(rule))
        && matchers.entrySet().stream().allMatch(m -> m.getValue().equals(labels.get(m.getKey())));
  }

  /** Builds an {@link AlertRoute}. */
  public static final class Builder {
    private final String name;
    private final Set<Severity> severities = EnumSet.noneOf(Severity.class);
    private final Set<String> rules = new java.util.LinkedHashSet<>();
    private final Map<String, String> matchers = new LinkedHashMap<>();
    private final List<String> notifiers = new ArrayList<>();
    private boolean sendResolved;

    private Builder(String name) {
      this.name = name;
    }

    /** Only these severities (default: all). */
    public Builder severities(Severity... s) {
      severities.addAll(List.of(s));
      return this;
    }

    /** Only these rules (default: all). */
    public Builder rules(AlertRule... r) {
      for (AlertRule rule : r) {
        rules.add(rule.id());
      }
      return this;
    }

    /** Only alerts whose label {@code key} equals {@code value}. */
    public Builder matchLabel(String key, String value) {
      matchers.put(key, value);
      return this;
    }

    /** The notifiers, by name. */
    public Builder notifiers(String... names) {
      notifiers.addAll(List.of(names));
      return this;
    }

    /** Whether resolved alerts are notified too (default false). */
    public Builder sendResolved(boolean send) {
      this.sendResolved = send;
      return this;
    }

    public AlertRoute build() {
      return new AlertRoute(name, severities, rules, matchers, notifiers, sendResolved);
    }
  }
}
