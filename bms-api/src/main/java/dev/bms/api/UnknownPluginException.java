package dev.bms.api;

import java.util.Set;
import java.util.TreeSet;

/**
 * No plugin provides the requested type (a target, source, notifier... type name).
 *
 * @since 0.1.0
 */
public class UnknownPluginException extends BmsException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String type;

  public UnknownPluginException(String kind, String type, Set<String> known) {
    this(kind, type, known, "");
  }

  /**
   * @param where what asked for the type, e.g. {@code "copies[1] 'offsite'"}; may be empty
   */
  public UnknownPluginException(String kind, String type, Set<String> known, String where) {
    super((where.isEmpty() ? "" : where + ": ") + "unknown " + kind + " type '" + type + "'; known "
        + kind + " types: " + new TreeSet<>(known));
    this.kind = kind;
    this.type = type;
  }

  /** The kind of plugin looked up: {@code "target"}, {@code "source"}, ... */
  public String kind() {
    return kind;
  }

  /** The type name nobody provides. */
  public String type() {
    return type;
  }
}
