package dev.bms.api.model;

import java.util.Map;

/**
 * What a job backs up: a source plugin type and its configuration. A job whose backups are run by
 * another tool (the "reported" mode) uses {@link #external()}.
 *
 * @param type the source type, e.g. {@code "directory"}
 * @param config the source's configuration keys; validated by the source plugin
 * @since 0.1.0
 */
public record SourceSpec(String type, Map<String, String> config) {
  /** The source type of jobs whose backups other tools run and report to bms. */
  public static final String EXTERNAL = "external";

  public SourceSpec {
    Inputs.requireArgument("type", type);
    config = Map.copyOf(config);
  }

  /** A source of the given plugin type. */
  public static SourceSpec of(String type, Map<String, String> config) {
    return new SourceSpec(type, config);
  }

  /** A job whose backups are done elsewhere and reported through {@code executions().begin(...)}. */
  public static SourceSpec external() {
    return new SourceSpec(EXTERNAL, Map.of());
  }

  /** True when bms does not read this source itself. */
  public boolean isExternal() {
    return EXTERNAL.equals(type);
  }
}
