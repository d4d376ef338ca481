package dev.bms.api.alert;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured notifier instance: a name routes refer to, the notifier type (a plugin's
 * {@code NotifierFactory#type()}, or {@code "log"} built into core) and its configuration keys.
 *
 * @param name unique among notifiers, e.g. {@code "ops-mail"}
 * @param type e.g. {@code "email"}, {@code "webhook"}, {@code "log"}
 * @param config the type's keys (see docs/notifiers.md)
 * @since 0.1.0
 */
public record NotifierSpec(String name, String type, Map<String, String> config) {
  /** Names: letters, digits, '.', '_' and '-', up to 64. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public NotifierSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    config = Map.copyOf(config);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name: '" + name + "' must match " + NAME.pattern());
    }
    if (type.isBlank()) {
      throw new IllegalArgumentException("type: must not be blank (notifier '" + name + "')");
    }
  }
}
