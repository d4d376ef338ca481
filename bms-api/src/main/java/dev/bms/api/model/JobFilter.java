package dev.bms.api.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which jobs a listing returns. All conditions must hold; {@link #all()} matches every job.
 *
 * <pre>{@code JobFilter.all().withEnabled(true).withLabel("team", "payroll")}</pre>
 *
 * @param enabled only enabled (true) or disabled (false) jobs
 * @param labels every label given must be present with that value
 * @param namePrefix only jobs whose name starts with this
 * @since 0.1.0
 */
public record JobFilter(Optional<Boolean> enabled, Map<String, String> labels, Optional<String> namePrefix) {
  private static final JobFilter ALL = new JobFilter(Optional.empty(), Map.of(), Optional.empty());

  public JobFilter {
    Inputs.requireArgument("enabled", enabled);
    labels = Map.copyOf(Inputs.requireArgument("labels", labels));
    Inputs.requireArgument("namePrefix", namePrefix);
  }

  /** Matches every job. */
  public static JobFilter all() {
    return ALL;
  }

  public JobFilter withEnabled(boolean value) {
    return new JobFilter(Optional.of(value), labels, namePrefix);
  }

  public JobFilter withLabel(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(labels);
    copy.put(Inputs.requireArgument("key", key), Inputs.requireArgument("value", value));
    return new JobFilter(enabled, copy, namePrefix);
  }

  public JobFilter withNamePrefix(String prefix) {
    return new JobFilter(enabled, labels, Optional.of(Inputs.requireArgument("prefix", prefix)));
  }
}
