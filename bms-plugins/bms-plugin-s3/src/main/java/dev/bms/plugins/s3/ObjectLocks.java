package dev.bms.plugins.s3;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRetentionResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;

/**
 * S3 Object Lock calls of one bucket: applying retention to one object version with
 * {@code PutObjectRetention} and reading it back with {@code GetObjectRetention}. Retention is set
 * by these explicit calls rather than by the {@code x-amz-object-lock-*} headers of PUT, because
 * AWS honours both but S3-compatible stores differ (S3Mock 5.2 ignores the headers and stores
 * only what {@code PutObjectRetention} sets), and because the call's answer is the proof it was
 * applied.
 */
final class ObjectLocks {
  private final S3Client s3;
  private final String bucket;

  ObjectLocks(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** A retention found on an object. */
  record Retention(ObjectLockRetentionMode mode, Instant until) {
  }

  /** Whether the bucket has Object Lock enabled (it can only be enabled, never disabled). */
  boolean bucketLockEnabled() throws IOException {
    try {
      GetObjectLockConfigurationResponse r = s3.getObjectLockConfiguration(b -> b.bucket(bucket));
      return r.objectLockConfiguration() != null
          && r.objectLockConfiguration().objectLockEnabled() == ObjectLockEnabled.ENABLED;
    } catch (SdkException e) {
      if (noLockConfiguration(e)) {
        return false;
      }
      throw S3Errors.translate(e, "GetObjectLockConfiguration s3://" + bucket, null);
    }
  }

  void apply(String key, String versionId, ObjectLockRetentionMode mode, Instant until) throws IOException {
    try {
      s3.putObjectRetention(b -> b.bucket(bucket).key(key).versionId(versionId)
          .retention(ObjectLockRetention.builder().mode(mode).retainUntilDate(until).build()));
    } catch (SdkException e) {
      throw S3Errors.translate(e, "PutObjectRetention s3://" + bucket + "/" + key, null);
    }
  }

  /** The retention of the current version of {@code key}; empty when it has none or does not exist. */
  Optional<Retention> read(String key) throws IOException {
    try {
      GetObjectRetentionResponse r = s3.getObjectRetention(b -> b.bucket(bucket).key(key));
      if (r.retention() == null || r.retention().retainUntilDate() == null || r.retention().mode() == null) {
        return Optional.empty();
      }
      return Optional.of(new Retention(r.retention().mode(), r.retention().retainUntilDate()));
    } catch (SdkException e) {
      if (S3Errors.notFound(e) || noLockConfiguration(e)) {
        return Optional.empty();
      }
      throw S3Errors.translate(e, "GetObjectRetention s3://" + bucket + "/" + key, null);
    }
  }

  /** S3 answers a bucket without Object Lock with 404 ObjectLockConfigurationNotFoundError (S3Mock: 400/404). */
  private static boolean noLockConfiguration(SdkException e) {
    String code = S3Errors.code(e);
    return S3Errors.notFound(e) || "ObjectLockConfigurationNotFoundError".equals(code)
        || (e.getMessage() != null && e.getMessage().contains("missing Object Lock Configuration"));
  }
}
