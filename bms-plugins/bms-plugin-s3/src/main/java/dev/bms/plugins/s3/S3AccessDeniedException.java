package dev.bms.plugins.s3;

import java.io.IOException;

/**
 * S3 refused the request: unknown access key, wrong secret, expired token, or an IAM policy that
 * lacks a permission the target needs (listed in {@code docs/targets.md}). The message names the
 * bucket, the operation and S3's error code; never a credential.
 */
final class S3AccessDeniedException extends IOException {
  private static final long serialVersionUID = 1L;

  S3AccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
