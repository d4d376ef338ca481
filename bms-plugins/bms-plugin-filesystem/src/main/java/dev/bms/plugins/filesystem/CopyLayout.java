package dev.bms.plugins.filesystem;

import dev.bms.api.ForeignLocationException;
import dev.bms.api.model.ExecutionId;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where a filesystem target keeps things. Below the target's base directory
 * ({@code root/subdirectory}):
 *
 * <pre>
 * &lt;job-dir&gt;/&lt;executionId&gt;/data/...          the copy's files (the location is this copy directory)
 * &lt;job-dir&gt;/&lt;executionId&gt;/manifest.tsv       Manifest.toText()
 * &lt;job-dir&gt;/&lt;executionId&gt;/retention.lock     ISO instant, only for locked copies
 * &lt;job-dir&gt;/&lt;executionId&gt;.&lt;n&gt;.partial/       a copy being written (renamed into place on commit)
 * &lt;job-dir&gt;/&lt;executionId&gt;.&lt;n&gt;.deleting/      a copy being deleted
 * </pre>
 *
 * A copy directory therefore exists only complete: with all its data, its manifest and its lock.
 */
final class CopyLayout {
  static final String DATA = "data";
  static final String MANIFEST = "manifest.tsv";
  static final String LOCK = "retention.lock";
  static final String PARTIAL_SUFFIX = ".partial";
  static final String DELETING_SUFFIX = ".deleting";
  private static final int MAX_JOB_DIR_LENGTH = 100;

  private final Path base;

  /** @param base absolute, normalized directory holding the job directories */
  CopyLayout(Path base) {
    this.base = base;
  }

  Path base() {
    return base;
  }

  Path jobDir(String jobName) {
    return base.resolve(jobDirectoryName(jobName));
  }

  Path copyDir(String jobName, ExecutionId executionId) {
    return jobDir(jobName).resolve(executionId.toString());
  }

  /**
   * The copy directory a location names, checked to be one of this target's copies.
   *
   * @throws ForeignLocationException when the location is not a path, relative, not normalized,
   *     outside the base, or inside it but not a copy directory
   */
  Path copyDir(String location) {
    Path path;
    try {
      path = base.getFileSystem().getPath(location);
    } catch (InvalidPathException e) {
      throw foreign(location);
    }
    if (!path.isAbsolute() || !path.equals(path.normalize()) || !path.startsWith(base)
        || path.getNameCount() != base.getNameCount() + 2 || !isUuid(path.getFileName().toString())
        || location.indexOf('\\') >= 0) {
      throw foreign(location);
    }
    return path;
  }

  private ForeignLocationException foreign(String location) {
    return new ForeignLocationException(location, "the filesystem target at " + base + " (expected " + base
        + "/<job>/<executionId>)");
  }

  /**
   * A job name made safe as one directory name: ASCII letters, digits, {@code -_.} kept, anything
   * else becomes {@code _}; no leading dot; at most 100 characters. Two names may map to one
   * directory; copies still never collide because execution ids are unique.
   */
  static String jobDirectoryName(String jobName) {
    StringBuilder sb = new StringBuilder(Math.min(jobName.length(), MAX_JOB_DIR_LENGTH));
    for (int i = 0; i < jobName.length() && sb.length() < MAX_JOB_DIR_LENGTH; i++) {
      char c = jobName.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || (c == '.' && sb.length() > 0);
      sb.append(safe ? c : '_');
    }
    return sb.length() == 0 ? "_" : sb.toString();
  }

  private static boolean isUuid(String name) {
    try {
      return UUID.fromString(name).toString().equals(name);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
