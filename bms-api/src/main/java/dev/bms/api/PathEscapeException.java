package dev.bms.api;

/**
 * A path would resolve outside the root it must stay in (for example {@code ../../etc/passwd} in a
 * source entry or a restore request). Nothing was written outside the root.
 *
 * @since 0.1.0
 */
public class PathEscapeException extends BmsException {
  private static final long serialVersionUID = 1L;

  public PathEscapeException(String path, String root) {
    super("Path '" + path + "' escapes its root '" + root + "'");
  }
}
