package dev.bms.core.internal.restore;

import java.util.Optional;

/** Checks manifest paths before anything is written: relative, {@code /}-separated, no {@code .} or {@code ..} segment. */
final class RestorePaths {
  private RestorePaths() {
  }

  /** Why {@code path} may not be restored, if it may not. */
  static Optional<String> problem(String path) {
    if (path.isEmpty()) {
      return Optional.of("empty path");
    }
    if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0
        || (path.length() > 1 && path.charAt(1) == ':')) {
      return Optional.of("not a relative '/'-separated path");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return Optional.of("segment '" + segment + "' would leave or blur the destination");
      }
    }
    return Optional.empty();
  }

  /** The parent directory part of a valid path ({@code ""} at the top). */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** The last segment of a valid path. */
  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** {@code dir/name.restored-N.ext} for KEEP_BOTH. */
  static String keepBothName(String path, int n) {
    String parent = parent(path);
    String name = name(path);
    int dot = name.lastIndexOf('.');
    String renamed = dot > 0
        ? name.substring(0, dot) + ".restored-" + n + name.substring(dot)
        : name + ".restored-" + n;
    return parent.isEmpty() ? renamed : parent + "/" + renamed;
  }
}
