package dev.bms.plugins.s3;

import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.IntegrityReport;
import dev.bms.api.model.ManifestEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.bms.api.PathEscapeException;
import dev.bms.api.model.Manifest;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Reading side of a target: whether a copy is committed, its files, their bytes and hashes. */
final class CopyReader {
  private final S3Client s3;
  private final String bucket;

  CopyReader(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** Whether the copy's manifest exists: the one fact that makes a copy visible. */
  boolean committed(String copyPrefix) throws IOException {
    String key = CopyKeys.manifestKey(copyPrefix);
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (SdkException e) {
      if (S3Errors.notFound(e)) {
        return false;
      }
      throw S3Errors.translate(e, "HeadObject s3://" + bucket + "/" + key, null);
    }
  }

  InputStream open(String key, String path) throws IOException {
    try {
      return s3.getObject(b -> b.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw S3Errors.translate(e, "GetObject s3://" + bucket + "/" + key, path);
    }
  }

  /** The manifest paths of every data object of a copy, sorted. */
  List<String> files(String copyPrefix) throws IOException {
    String data = CopyKeys.dataPrefix(copyPrefix);
    List<String> files = new ArrayList<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(data)).contents()) {
        files.add(o.key().substring(data.length()));
      }
    } catch (SdkException e) {
      throw S3Errors.translate(e, "ListObjectsV2 s3://" + bucket + "/" + data, null);
    }
    files.sort(null);
    return files;
  }

  /** The copy prefixes (sessions) below an execution prefix, committed or not. */
  List<String> sessions(String executionPrefix) throws IOException {
    List<String> sessions = new ArrayList<>();
    try {
      for (CommonPrefix p : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(executionPrefix).delimiter("/"))
          .commonPrefixes()) {
        sessions.add(p.prefix());
      }
    } catch (SdkException e) {
      throw S3Errors.translate(e, "ListObjectsV2 s3://" + bucket + "/" + executionPrefix, null);
    }
    return sessions;
  }

  /** Re-reads and re-hashes each entry of a committed copy. */
  IntegrityReport verify(String copyPrefix, List<ManifestEntry> entries) throws IOException {
    List<IntegrityProblem> problems = new ArrayList<>();
    long files = 0;
    long bytes = 0;
    byte[] buffer = new byte[64 * 1024];
    for (ManifestEntry e : entries) {
      MessageDigest md = sha256();
      long size = 0;
      try (InputStream in = open(CopyKeys.dataKey(copyPrefix, e.path()), e.path())) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          md.update(buffer, 0, n);
          size += n;
        }
      } catch (NoSuchFileException missing) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.MISSING, "not found in copy"));
        continue;
      } catch (java.io.InterruptedIOException interrupted) {
        throw interrupted;
      } catch (IOException unreadable) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.UNREADABLE, String.valueOf(unreadable.getMessage())));
        continue;
      }
      files++;
      bytes += size;
      String actual = HexFormat.of().formatHex(md.digest());
      if (size != e.size()) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.SIZE_MISMATCH,
            "expected " + e.size() + " bytes, found " + size));
      } else if (!actual.equals(e.sha256())) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.CHECKSUM_MISMATCH,
            "expected sha256 " + e.sha256() + ", found " + actual));
      }
    }
    return new IntegrityReport(files, bytes, problems);
  }

  /**
   * Restores every file into {@code destination}, hashing while copying: a file whose size or
   * SHA-256 differs from the manifest is deleted again and the restore fails naming it.
   */
  void restore(String copyPrefix, Manifest manifest, Path destination) throws IOException {
    Path root = destination.toAbsolutePath().normalize();
    for (ManifestEntry e : manifest.entries()) {
      Path file = root.resolve(e.path()).normalize();
      if (!file.startsWith(root) || file.equals(root)) {
        throw new PathEscapeException(e.path(), root.toString());
      }
    }
    Files.createDirectories(root);
    byte[] buffer = new byte[64 * 1024];
    for (ManifestEntry e : manifest.entries()) {
      Path file = root.resolve(e.path()).normalize();
      Files.createDirectories(file.getParent());
      MessageDigest md = sha256();
      long size = 0;
      try (InputStream in = open(CopyKeys.dataKey(copyPrefix, e.path()), e.path());
           OutputStream out = Files.newOutputStream(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          md.update(buffer, 0, n);
          out.write(buffer, 0, n);
          size += n;
        }
      }
      String actual = HexFormat.of().formatHex(md.digest());
      if (size != e.size() || !actual.equals(e.sha256())) {
        Files.deleteIfExists(file);
        throw new IOException("restored " + e.path() + " does not match the manifest: " + size + " bytes with sha256 "
            + actual + ", the manifest records " + e.size() + " bytes with sha256 " + e.sha256());
      }
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
