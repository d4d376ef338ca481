package dev.bms.plugins.s3;

import dev.bms.api.model.Manifest;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.WriteSession;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Writing one copy to S3: every file under the session's own key prefix (see {@link CopyKeys}),
 * then on {@link #commit} the retention lock on every object and the manifest last, which makes
 * the copy visible. {@link #abort} aborts a multipart upload in flight and deletes every object
 * the session wrote, from any thread.
 */
final class S3WriteSession implements WriteSession {
  private static final System.Logger LOG = System.getLogger(S3WriteSession.class.getName());

  private final S3Target target;
  private final String copyPrefix;
  private final Optional<Instant> retainUntil;
  /** Keys written so far, with the version S3 gave them (null on unversioned buckets). */
  private final Map<String, Optional<String>> written = new ConcurrentHashMap<>();
  /** Multipart uploads in flight, key to upload id. */
  private final Map<String, String> uploads = new ConcurrentHashMap<>();
  private volatile boolean aborted;
  private volatile boolean committed;

  S3WriteSession(S3Target target, String copyPrefix, Optional<Instant> retainUntil) {
    this.target = target;
    this.copyPrefix = copyPrefix;
    this.retainUntil = retainUntil;
  }

  @Override
  public OutputStream openEntry(String path, long size) throws IOException {
    String key = CopyKeys.dataKey(copyPrefix, path);
    checkOpen();
    return new UploadStream(this, key, path, size, target.settings().partSize());
  }

  @Override
  public StoredCopy commit(Manifest manifest) throws IOException {
    checkOpen();
    S3Settings s = target.settings();
    String manifestKey = CopyKeys.manifestKey(copyPrefix);
    Optional<Instant> until = Optional.empty();
    if (s.lockMode() != LockMode.NONE) {
      Instant lockUntil = target.lockUntil(retainUntil);
      ObjectLockRetentionMode mode = s.lockMode().s3Mode().orElseThrow();
      for (Map.Entry<String, Optional<String>> object : written.entrySet()) {
        checkOpen();
        target.locks().apply(object.getKey(), object.getValue().orElse(null), mode, lockUntil);
      }
      until = Optional.of(lockUntil);
    }
    checkOpen();
    putSmall(manifestKey, RequestBody.fromString(manifest.toText(), StandardCharsets.UTF_8));
    if (until.isPresent()) {
      // a crash between these two calls leaves an unlocked copy, which lockedUntil reports as such
      target.locks().apply(manifestKey, written.get(manifestKey).orElse(null), s.lockMode().s3Mode().orElseThrow(),
          until.get());
    }
    committed = true;
    return new StoredCopy(target.keys().location(copyPrefix), until);
  }

  @Override
  public void abort() {
    if (committed) {
      return;
    }
    aborted = true;
    for (Map.Entry<String, String> upload : uploads.entrySet()) {
      abortMultipart(upload.getKey(), upload.getValue());
    }
    try {
      target.deleteAllBelow(copyPrefix);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not delete the objects of aborted copy " + target.keys().location(copyPrefix)
          + "; they stay invisible (no manifest) and a retry of the execution removes them: " + e.getMessage());
    }
  }

  void checkOpen() throws IOException {
    if (aborted) {
      throw new InterruptedIOException("the copy was aborted");
    }
    if (committed) {
      throw new IOException("the copy is already committed");
    }
  }

  S3Client s3() {
    return target.s3();
  }

  String bucket() {
    return target.keys().bucket();
  }

  void putSmall(String key, RequestBody body) throws IOException {
    S3Settings s = target.settings();
    try {
      PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(bucket()).key(key).storageClass(s.storageClass());
      s.sse().ifPresent(b::serverSideEncryption);
      s.sseKmsKeyId().ifPresent(b::ssekmsKeyId);
      String version = target.s3().putObject(b.build(), body).versionId();
      written.put(key, Optional.ofNullable(version));
    } catch (SdkException e) {
      throw S3Errors.translate(e, "PutObject s3://" + bucket() + "/" + key, null);
    }
  }

  String startMultipart(String key) throws IOException {
    S3Settings s = target.settings();
    try {
      CreateMultipartUploadRequest.Builder b = CreateMultipartUploadRequest.builder().bucket(bucket()).key(key)
          .storageClass(s.storageClass());
      s.sse().ifPresent(b::serverSideEncryption);
      s.sseKmsKeyId().ifPresent(b::ssekmsKeyId);
      String uploadId = target.s3().createMultipartUpload(b.build()).uploadId();
      uploads.put(key, uploadId);
      if (aborted) { // abort ran between the check and the registration: it could not see this upload
        abortMultipart(key, uploadId);
        checkOpen();
      }
      return uploadId;
    } catch (SdkException e) {
      throw S3Errors.translate(e, "CreateMultipartUpload s3://" + bucket() + "/" + key, null);
    }
  }

  void completeMultipart(String key, String uploadId, List<CompletedPart> parts) throws IOException {
    try {
      CompleteMultipartUploadResponse r = target.s3().completeMultipartUpload(b -> b.bucket(bucket()).key(key)
          .uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
      uploads.remove(key);
      written.put(key, Optional.ofNullable(r.versionId()));
    } catch (SdkException e) {
      throw S3Errors.translate(e, "CompleteMultipartUpload s3://" + bucket() + "/" + key, null);
    }
  }

  /** Aborts one multipart upload; never throws (S3 drops its parts, or a lifecycle rule will). */
  void abortMultipart(String key, String uploadId) {
    try {
      target.s3().abortMultipartUpload(b -> b.bucket(bucket()).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      if (!S3Errors.notFound(e)) {
        LOG.log(Level.WARNING, "could not abort multipart upload of s3://" + bucket() + "/" + key + ": " + e.getMessage());
      }
    } finally {
      uploads.remove(key, uploadId);
    }
  }
}
