package dev.bms.plugins.s3;

import dev.bms.api.ForeignLocationException;
import dev.bms.api.PathEscapeException;
import dev.bms.api.model.ExecutionId;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where an S3 target keeps things, as object keys below its {@code prefix}:
 *
 * <pre>
 * &lt;prefix&gt;&lt;job&gt;/&lt;executionId&gt;.&lt;session&gt;/data/&lt;path&gt;     the copy's files
 * &lt;prefix&gt;&lt;job&gt;/&lt;executionId&gt;.&lt;session&gt;/manifest.tsv    Manifest.toText(), written last: the commit
 * </pre>
 *
 * A copy exists (is listed, readable, verifiable) only once its {@code manifest.tsv} does; objects
 * of a session that never committed are invisible. Every write session has its own
 * {@code <session>} (16 hex digits), so two attempts of one execution never share a key. The
 * location of a copy is {@code s3://<bucket>/<prefix><job>/<executionId>.<session>}.
 */
final class CopyKeys {
  static final String DATA = "data/";
  static final String MANIFEST = "manifest.tsv";
  private static final int MAX_JOB_LENGTH = 100;

  private final String bucket;
  private final String prefix;
  private final String locationPrefix;

  CopyKeys(String bucket, String prefix) {
    this.bucket = bucket;
    this.prefix = prefix;
    this.locationPrefix = "s3://" + bucket + "/" + prefix;
  }

  String bucket() {
    return bucket;
  }

  /** Key prefix of every copy of a job, ending in {@code /}. */
  String jobPrefix(String jobName) {
    return prefix + jobSegment(jobName) + "/";
  }

  /** Key prefix of every session of an execution (no trailing slash: sessions follow a dot). */
  String executionPrefix(String jobName, ExecutionId executionId) {
    return jobPrefix(jobName) + executionId + ".";
  }

  /** The key prefix of a new session's copy, ending in {@code /}. */
  String newCopyPrefix(String jobName, ExecutionId executionId) {
    String session = String.format("%016x", ThreadLocalRandom.current().nextLong());
    return executionPrefix(jobName, executionId) + session + "/";
  }

  String location(String copyPrefix) {
    return "s3://" + bucket + "/" + copyPrefix.substring(0, copyPrefix.length() - 1);
  }

  /**
   * The key prefix (ending in {@code /}) of the copy a location names, checked to be one of this
   * target's copies.
   *
   * @throws ForeignLocationException for anything else
   */
  String copyPrefix(String location) {
    String[] rest = location.startsWith(locationPrefix)
        ? location.substring(locationPrefix.length()).split("/", -1) : new String[0];
    if (rest.length != 2 || !isJobSegment(rest[0]) || !isSessionSegment(rest[1])) {
      throw new ForeignLocationException(location, "the S3 target at " + locationPrefix
          + " (expected " + locationPrefix + "<job>/<executionId>.<session>)");
    }
    return location.substring(("s3://" + bucket + "/").length()) + "/";
  }

  static String manifestKey(String copyPrefix) {
    return copyPrefix + MANIFEST;
  }

  static String dataPrefix(String copyPrefix) {
    return copyPrefix + DATA;
  }

  /**
   * The key of a manifest path in a copy.
   *
   * @throws PathEscapeException when the path is empty, absolute, or has an empty, {@code .} or
   *     {@code ..} segment, a backslash or a control character
   */
  static String dataKey(String copyPrefix, String path) {
    if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0) {
      throw new PathEscapeException(path, copyPrefix);
    }
    for (int i = 0; i < path.length(); i++) {
      if (Character.isISOControl(path.charAt(i))) {
        throw new PathEscapeException(path, copyPrefix);
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new PathEscapeException(path, copyPrefix);
      }
    }
    return copyPrefix + DATA + path;
  }

  /** ASCII letters, digits, {@code -_.}, anything else {@code _}; never {@code .} or {@code ..}. */
  static String jobSegment(String jobName) {
    StringBuilder sb = new StringBuilder(Math.min(jobName.length(), MAX_JOB_LENGTH));
    for (int i = 0; i < jobName.length() && sb.length() < MAX_JOB_LENGTH; i++) {
      char c = jobName.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || (c == '.' && sb.length() > 0);
      sb.append(safe ? c : '_');
    }
    return sb.length() == 0 ? "_" : sb.toString();
  }

  private static boolean isJobSegment(String s) {
    return !s.isEmpty() && s.equals(jobSegment(s)) && !s.equals(".") && !s.equals("..");
  }

  private static boolean isSessionSegment(String s) {
    int dot = s.indexOf('.');
    if (dot < 0 || s.length() - dot - 1 != 16) {
      return false;
    }
    String uuid = s.substring(0, dot);
    try {
      if (!UUID.fromString(uuid).toString().equals(uuid)) {
        return false;
      }
    } catch (IllegalArgumentException e) {
      return false;
    }
    return s.substring(dot + 1).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }
}
