package dev.bms.plugins.sftp;

import dev.bms.api.ForeignLocationException;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.PathEscapeException;
import dev.bms.api.model.ExecutionId;
import java.util.UUID;

/**
 * Where an SFTP target keeps things, as {@code /}-separated remote paths. Below {@code root}:
 *
 * <pre>
 * &lt;job-dir&gt;/&lt;executionId&gt;/data/...              the copy's files (the location is this copy directory)
 * &lt;job-dir&gt;/&lt;executionId&gt;/manifest.tsv           Manifest.toText()
 * &lt;job-dir&gt;/&lt;executionId&gt;.&lt;n&gt;.partial/           a copy being written, renamed into place on commit
 * &lt;job-dir&gt;/&lt;executionId&gt;.&lt;n&gt;.deleting/          a copy being deleted
 * </pre>
 *
 * The same layout as the filesystem target, so a copy can be moved between the two by hand.
 */
final class RemotePaths {
  static final String DATA = "data";
  static final String MANIFEST = "manifest.tsv";
  static final String PARTIAL_SUFFIX = ".partial";
  static final String DELETING_SUFFIX = ".deleting";
  private static final int MAX_JOB_DIR_LENGTH = 100;

  private final String root;

  /** @param root normalized absolute remote directory ({@link #normalizeRoot}) */
  RemotePaths(String root) {
    this.root = root;
  }

  String root() {
    return root;
  }

  String jobDir(String jobName) {
    return child(root, jobDirectoryName(jobName));
  }

  String copyDir(String jobName, ExecutionId executionId) {
    return jobDir(jobName) + "/" + executionId;
  }

  /**
   * The copy directory a location names, checked to be one of this target's copies.
   *
   * @throws ForeignLocationException when the location is outside the root, climbs out of it, or is
   *     inside it but not a copy directory
   */
  String copyDir(String location) {
    String prefix = root.equals("/") ? "/" : root + "/";
    String[] rest = location.startsWith(prefix) ? location.substring(prefix.length()).split("/", -1) : new String[0];
    if (hasDotSegment(location) || rest.length != 2 || rest[0].isEmpty() || !isUuid(rest[1])) {
      throw new ForeignLocationException(location, "the SFTP target at " + root + " (expected " + prefix
          + "<job>/<executionId>)");
    }
    return location;
  }

  /**
   * The remote file a manifest path names in a copy's {@code data} directory.
   *
   * @throws PathEscapeException when the path is empty, absolute, or has an empty, {@code .} or
   *     {@code ..} segment, a backslash or a NUL
   */
  static String dataFile(String copyDir, String path) {
    if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
      throw new PathEscapeException(path, copyDir);
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new PathEscapeException(path, copyDir);
      }
    }
    return copyDir + "/" + DATA + "/" + path;
  }

  static String child(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  static boolean hasDotSegment(String path) {
    for (String segment : path.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** Removes repeated and trailing slashes; {@code /} stays {@code /}. */
  static String normalizeRoot(String root) {
    String r = root.replaceAll("/+", "/");
    return r.length() > 1 && r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
  }

  /** As the filesystem target names job directories: ASCII letters, digits, {@code -_.}, else {@code _}. */
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

  static boolean isUuid(String name) {
    try {
      return UUID.fromString(name).toString().equals(name);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
