package dev.bms.api;

import java.util.List;

/**
 * A plugin, storage, cache or builder configuration was rejected; {@link #problems()} names
 * every bad or unknown key at once.
 *
 * @since 0.1.0
 */
public class InvalidConfigException extends ProblemsException {
  private static final long serialVersionUID = 1L;

  private final String component;

  public InvalidConfigException(String component, List<String> problems) {
    super("Invalid configuration of " + component, problems);
    this.component = component;
  }

  /** What was being configured, e.g. {@code "target 'filesystem'"}. */
  public String component() {
    return component;
  }
}
