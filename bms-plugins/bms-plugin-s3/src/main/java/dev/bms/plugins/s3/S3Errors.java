package dev.bms.plugins.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns SDK exceptions into the {@link IOException}s bms expects, with messages naming what failed. */
final class S3Errors {
  private static final Set<String> DENIED = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
      "ExpiredToken", "InvalidToken", "AllAccessDisabled");

  private S3Errors() {
  }

  /** Whether S3 answered 404 (no such key, no such upload, no lock configuration...). */
  static boolean notFound(SdkException e) {
    return e instanceof S3Exception s3 && s3.statusCode() == 404;
  }

  static String code(SdkException e) {
    return e instanceof S3Exception s3 && s3.awsErrorDetails() != null ? s3.awsErrorDetails().errorCode() : null;
  }

  /**
   * @param what the operation and object, e.g. {@code "PUT s3://b/k"}
   * @param path the manifest path, for {@link NoSuchFileException}s; null when none applies
   */
  static IOException translate(SdkException e, String what, String path) {
    if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
      InterruptedIOException interrupted = new InterruptedIOException(what + " was interrupted");
      interrupted.initCause(e);
      return interrupted;
    }
    String code = code(e);
    if (code != null && DENIED.contains(code) || e instanceof S3Exception s3 && s3.statusCode() == 403) {
      return new S3AccessDeniedException(what + " refused by S3 (" + (code == null || code.equals("403") ? "403 Forbidden" : code)
          + "): check accessKeyId/secretAccessKey and the IAM permissions in docs/targets.md", e);
    }
    if (path != null && ("NoSuchKey".equals(code) || notFound(e))) {
      NoSuchFileException missing = new NoSuchFileException(path, null, what + ": not found");
      missing.initCause(e);
      return missing;
    }
    if ("NoSuchBucket".equals(code)) {
      return new NoSuchFileException(what, null, "the bucket does not exist");
    }
    if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
      return new IOException(what + " timed out (operationTimeout): " + e.getMessage(), e);
    }
    return new IOException(what + " failed: " + e.getMessage(), e);
  }
}
