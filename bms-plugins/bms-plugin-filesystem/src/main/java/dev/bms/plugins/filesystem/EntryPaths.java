package dev.bms.plugins.filesystem;

import dev.bms.api.PathEscapeException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Resolves manifest paths ({@code /}-separated, relative) below a directory, refusing any that
 * would land outside it. Checked lexically before anything is created, so a refused path never
 * writes a byte; {@link #requireRealPathInside} adds the symlink check for reads.
 */
final class EntryPaths {
  private EntryPaths() {
  }

  /**
   * The file {@code path} names below {@code base} (absolute and normalized).
   *
   * @throws PathEscapeException when {@code path} is empty, absolute, holds a {@code \} (a
   *     separator elsewhere), has a {@code ..} segment or otherwise resolves to {@code base} itself
   *     or outside it
   */
  static Path resolve(Path base, String path) {
    if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
      throw new PathEscapeException(path, base.toString());
    }
    Path relative = base.getFileSystem().getPath(path);
    if (relative.isAbsolute() || relative.getRoot() != null) {
      throw new PathEscapeException(path, base.toString());
    }
    for (Path segment : relative) {
      if (segment.toString().equals("..")) {
        throw new PathEscapeException(path, base.toString());
      }
    }
    Path resolved = base.resolve(relative).normalize();
    if (!resolved.startsWith(base) || resolved.equals(base)) {
      throw new PathEscapeException(path, base.toString());
    }
    return resolved;
  }

  /**
   * Checks that {@code file}, with every symbolic link followed, is still inside {@code base}.
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws PathEscapeException when a link leads outside {@code base}
   */
  static Path requireRealPathInside(Path base, Path file, String shownPath) throws IOException {
    Path real = file.toRealPath();
    Path realBase = base.toRealPath();
    if (!real.startsWith(realBase) || real.equals(realBase)) {
      throw new PathEscapeException(shownPath, base.toString());
    }
    return real;
  }

  /** {@code file} relative to {@code base}, {@code /}-separated whatever the platform. */
  static String relativeName(Path base, Path file) {
    Path relative = base.relativize(file);
    StringBuilder sb = new StringBuilder();
    for (Path segment : relative) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(segment);
    }
    return sb.toString();
  }
}
