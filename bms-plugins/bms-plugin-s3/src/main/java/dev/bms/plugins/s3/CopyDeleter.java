package dev.bms.plugins.s3;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deleting side of a target. On a versioned bucket (every bucket with Object Lock is) deleting a
 * key only adds a delete marker and keeps the data, so this deletes every version and delete
 * marker below a prefix, then any key still listed (stores whose version listing is partial).
 */
final class CopyDeleter {
  private static final System.Logger LOG = System.getLogger(CopyDeleter.class.getName());
  private static final int BATCH = 1000;

  private final S3Client s3;
  private final String bucket;

  CopyDeleter(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  void deleteAllBelow(String prefix) throws IOException {
    List<ObjectIdentifier> doomed = new ArrayList<>();
    try {
      for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(prefix))) {
        for (ObjectVersion v : page.versions()) {
          doomed.add(identifier(v.key(), v.versionId()));
        }
        for (DeleteMarkerEntry m : page.deleteMarkers()) {
          doomed.add(identifier(m.key(), m.versionId()));
        }
      }
      delete(doomed, prefix);
      doomed.clear();
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
        doomed.add(ObjectIdentifier.builder().key(o.key()).build());
      }
      delete(doomed, prefix);
    } catch (SdkException e) {
      throw S3Errors.translate(e, "deleting s3://" + bucket + "/" + prefix, null);
    }
  }

  private void delete(List<ObjectIdentifier> objects, String prefix) throws IOException {
    for (int i = 0; i < objects.size(); i += BATCH) {
      List<ObjectIdentifier> batch = objects.subList(i, Math.min(objects.size(), i + BATCH));
      DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
      if (r.hasErrors() && !r.errors().isEmpty()) {
        var first = r.errors().get(0);
        throw new IOException("S3 refused to delete " + r.errors().size() + " objects below s3://" + bucket + "/"
            + prefix + ", e.g. " + first.key() + ": " + first.code() + " " + first.message());
      }
    }
  }

  /**
   * Aborts multipart uploads below {@code jobPrefix} that belong to {@code executionPrefix} (an
   * earlier, dead attempt of the execution) or were started before {@code staleBefore}.
   */
  void abortUploads(String jobPrefix, String executionPrefix, Instant staleBefore) throws IOException {
    try {
      for (MultipartUpload u : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(jobPrefix)).uploads()) {
        boolean stale = u.initiated() != null && u.initiated().isBefore(staleBefore);
        if (u.key().startsWith(executionPrefix) || stale) {
          LOG.log(Level.INFO, "aborting leftover multipart upload of s3://{0}/{1}", bucket, u.key());
          s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
        }
      }
    } catch (SdkException e) {
      throw S3Errors.translate(e, "ListMultipartUploads s3://" + bucket + "/" + jobPrefix, null);
    }
  }

  /** S3 lists the version of an object written while versioning was never enabled as {@code "null"}. */
  private static ObjectIdentifier identifier(String key, String versionId) {
    ObjectIdentifier.Builder b = ObjectIdentifier.builder().key(key);
    if (versionId != null && !versionId.equals("null")) {
      b.versionId(versionId);
    }
    return b.build();
  }
}
