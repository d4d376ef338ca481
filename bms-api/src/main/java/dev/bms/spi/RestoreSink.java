package dev.bms.spi;

import dev.bms.api.model.ManifestEntry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A destination of restored files other than a local directory (an object store, an archive, an
 * application's own storage). bms streams each file into a {@link PendingFile}, hashing it as it
 * goes, and calls {@link PendingFile#commit} only once the content matched the manifest; otherwise
 * {@link PendingFile#discard}. A sink must not make a file visible under its final path before
 * commit (write to a temporary name, buffer, or use a multipart upload completed on commit).
 *
 * <pre>{@code
 * RestoreRequest request = RestoreRequest.from(RestorePointRef.latest(jobId))
 *     .into(RestoreDestination.sink(mySink)).build();
 * }</pre>
 *
 * <p>Called from one restore thread at a time; a sink used by concurrent restores must be thread-safe.
 *
 * @since 0.1.0
 */
public interface RestoreSink {

  /** A one-line description for the restore record, e.g. {@code "s3://bucket/restores/42"}. */
  String describe();

  /**
   * Whether a file already exists at {@code path} (for the conflict policy).
   *
   * @param path a relative, {@code /}-separated path, already checked by bms to contain no {@code ..}
   */
  boolean exists(String path) throws IOException;

  /**
   * Starts receiving one file.
   *
   * @param entry the file as the manifest recorded it (size, hash, modification time, permissions)
   * @param path where it lands: the manifest path, or another name under {@code KEEP_BOTH}
   */
  PendingFile open(ManifestEntry entry, String path) throws IOException;

  /** One file being received. Exactly one of {@link #commit} and {@link #discard} is called. */
  interface PendingFile {

    /** Where the content goes; bms writes it fully, then calls commit or discard (not close). */
    OutputStream content() throws IOException;

    /**
     * The content matched the manifest: make it visible under its final path.
     *
     * @param replace whether an existing file at that path may be replaced
     * @throws java.nio.file.FileAlreadyExistsException when one exists and {@code replace} is false
     */
    void commit(boolean replace) throws IOException;

    /** Throws away what was received. Must not throw. */
    void discard();
  }
}
