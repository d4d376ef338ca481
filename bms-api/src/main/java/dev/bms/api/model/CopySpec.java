package dev.bms.api.model;

import java.util.Map;
import java.util.Optional;

/**
 * One copy of a job's data: where it is written (a target plugin type and its configuration), its
 * name within the job, whether the operator declares it offsite, and an optional retention policy
 * that overrides the job's for this copy.
 *
 * <pre>{@code
 * CopySpec.target("filesystem", Map.of("root", "/mnt/nas/bms")).named("nas")
 * CopySpec.target("s3", Map.of("bucket", "bk")).named("cloud").asOffsite()
 * }</pre>
 *
 * @param name unique within the job; defaults to {@code copy-1}, {@code copy-2}... by position
 * @param targetType the target plugin type, e.g. {@code "filesystem"}
 * @param config the target's configuration keys; validated by the target plugin
 * @param offsite whether the operator declares this copy offsite (compliance also reads what the
 *     target itself declares)
 * @param retention overrides the job's retention for this copy
 * @since 0.1.0
 */
public record CopySpec(
    String name,
    String targetType,
    Map<String, String> config,
    boolean offsite,
    Optional<RetentionPolicy> retention) {

  public CopySpec {
    Inputs.requireArgument("name", name);
    Inputs.requireArgument("targetType", targetType);
    config = Map.copyOf(config);
    Inputs.requireArgument("retention", retention);
  }

  /** A copy on a target of the given type; name it with {@link #named(String)}. */
  public static CopySpec target(String targetType, Map<String, String> config) {
    return new CopySpec("", targetType, config, false, Optional.empty());
  }

  /** This copy with the given name. */
  public CopySpec named(String newName) {
    return new CopySpec(newName, targetType, config, offsite, retention);
  }

  /** This copy, declared offsite. */
  public CopySpec asOffsite() {
    return new CopySpec(name, targetType, config, true, retention);
  }

  /** This copy with its own retention policy. */
  public CopySpec withRetention(RetentionPolicy policy) {
    return new CopySpec(name, targetType, config, offsite, Optional.of(policy));
  }
}
