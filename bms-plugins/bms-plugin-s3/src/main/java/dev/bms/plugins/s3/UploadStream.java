package dev.bms.plugins.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One file streamed to S3 with at most one part in memory: bytes gather in a buffer of at most
 * {@code partSize}; a file that fits is one {@code PutObject} on close, a larger one becomes a
 * multipart upload whose parts are sent as the buffer fills. The buffer starts at the announced
 * size (small files stay small) and is reused for every part. Any failure aborts the multipart
 * upload, so S3 keeps no orphaned parts.
 */
final class UploadStream extends OutputStream {
  private final S3WriteSession session;
  private final String key;
  private final String path;
  private final int partSize;
  private byte[] buffer;
  private int count;
  private String uploadId;
  private final List<CompletedPart> parts = new ArrayList<>();
  private boolean closed;

  UploadStream(S3WriteSession session, String key, String path, long sizeHint, int partSize) {
    this.session = session;
    this.key = key;
    this.path = path;
    this.partSize = partSize;
    this.buffer = new byte[(int) Math.max(1, Math.min(partSize, sizeHint))];
  }

  @Override
  public void write(int b) throws IOException {
    ensureRoom();
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      ensureRoom();
      int n = Math.min(len, buffer.length - count);
      System.arraycopy(b, off, buffer, count, n);
      count += n;
      off += n;
      len -= n;
    }
  }

  /** Makes room for at least one byte: grows the buffer up to the part size, then sends a part. */
  private void ensureRoom() throws IOException {
    if (closed) {
      throw new IOException("entry " + path + " is closed");
    }
    session.checkOpen();
    if (count < buffer.length) {
      return;
    }
    if (buffer.length < partSize) {
      buffer = Arrays.copyOf(buffer, (int) Math.min(partSize, Math.max(64L * 1024, buffer.length * 2L)));
      return;
    }
    sendPart();
  }

  private void sendPart() throws IOException {
    try {
      if (uploadId == null) {
        uploadId = session.startMultipart(key);
      }
      int partNumber = parts.size() + 1;
      String etag = session.s3().uploadPart(b -> b.bucket(session.bucket()).key(key).uploadId(uploadId)
          .partNumber(partNumber).contentLength((long) count), body(buffer, count)).eTag();
      parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
      count = 0;
    } catch (SdkException e) {
      failed();
      throw S3Errors.translate(e, "UploadPart s3://" + session.bucket() + "/" + key, null);
    } catch (IOException | RuntimeException e) {
      failed();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    session.checkOpen();
    try {
      if (uploadId == null) {
        session.putSmall(key, body(buffer, count));
      } else {
        if (count > 0) {
          sendPart();
        }
        session.completeMultipart(key, uploadId, parts);
      }
    } catch (IOException | RuntimeException e) {
      failed();
      throw e;
    } finally {
      closed = true;
      buffer = null;
    }
  }

  /** The first {@code n} bytes of {@code b}, without copying; the SDK may read them again on a retry. */
  private static RequestBody body(byte[] b, int n) {
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(b, 0, n), n, "application/octet-stream");
  }

  private void failed() {
    closed = true;
    buffer = null;
    if (uploadId != null) {
      session.abortMultipart(key, uploadId);
    }
  }
}
