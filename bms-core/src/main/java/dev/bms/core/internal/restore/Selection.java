package dev.bms.core.internal.restore;

import dev.bms.api.InvalidRequestException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The paths a restore request selects: exact paths (a file, or a directory meaning everything under
 * it) and globs ({@code *} within a segment, {@code **} across segments, {@code ?}, {@code [..]},
 * {@code {a,b}}). An empty selection selects everything.
 */
final class Selection {
  private final List<Predicate<String>> parts;

  private Selection(List<Predicate<String>> parts) {
    this.parts = parts;
  }

  /**
   * Compiles a request's selection.
   *
   * @throws InvalidRequestException naming a malformed glob
   */
  static Selection of(List<String> entries) {
    List<Predicate<String>> parts = new ArrayList<>();
    for (String entry : entries) {
      String e = entry.startsWith("/") ? entry.substring(1) : entry;
      if (isGlob(e)) {
        PathMatcher matcher;
        try {
          matcher = FileSystems.getDefault().getPathMatcher("glob:" + e);
        } catch (IllegalArgumentException bad) {
          throw new InvalidRequestException("selection: malformed glob '" + shorten(entry) + "': " + bad.getMessage());
        }
        parts.add(path -> matcher.matches(Path.of(path)));
      } else {
        String dir = e.endsWith("/") ? e : e + "/";
        String exact = e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
        parts.add(path -> path.equals(exact) || path.startsWith(dir));
      }
    }
    return new Selection(List.copyOf(parts));
  }

  boolean matches(String path) {
    if (parts.isEmpty()) {
      return true;
    }
    for (Predicate<String> p : parts) {
      try {
        if (p.test(path)) {
          return true;
        }
      } catch (java.nio.file.InvalidPathException unusual) {
        // a manifest path the platform cannot express cannot match a glob
      }
    }
    return false;
  }

  static boolean isGlob(String entry) {
    for (char c : entry.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
    }
    return false;
  }

  static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
