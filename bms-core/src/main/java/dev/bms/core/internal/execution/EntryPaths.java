package dev.bms.core.internal.execution;

import dev.bms.api.PathEscapeException;

/**
 * Checks the paths sources hand out before any target sees them: relative, {@code /}-separated,
 * no empty, {@code .} or {@code ..} segment, no NUL, and no {@code \} (a separator on Windows, so
 * {@code a\..\..\x} would mean different files on different machines). Targets check again
 * against their own roots.
 */
final class EntryPaths {
  private EntryPaths() {
  }

  static String check(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0
        || (path.length() > 1 && path.charAt(1) == ':')) {
      throw new PathEscapeException(path, "<source root>");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new PathEscapeException(path, "<source root>");
      }
    }
    return path;
  }
}
