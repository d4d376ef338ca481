package ${package};

import dev.bms.api.ForeignLocationException;
import dev.bms.api.PathEscapeException;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.TargetCapabilities;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where copies of the {@code ${targetType}} type go. One instance serves concurrent executions, so
 * it keeps no per-copy state. A copy's location is {@code ${targetType}://<bucket>/<copy id>}:
 * bms stores it and hands it back to {@code openRead}, {@code list}, {@code delete} and
 * {@code lockedUntil}, which refuse every location that is not one of this bucket's copies.
 */
public final class ${classPrefix}Target implements BackupTarget {
  private static final Pattern COPY_ID = Pattern.compile("[0-9a-f-]{36}-[0-9a-f-]{36}");

  private final String bucket;
  private final InMemoryObjectStore store;
  private final TargetCapabilities capabilities;

  ${classPrefix}Target(String bucket, InMemoryObjectStore store, TargetCapabilities capabilities) {
    this.bucket = bucket;
    this.store = store;
    this.capabilities = capabilities;
  }

  @Override
  public TargetCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public WriteSession openWrite(WriteRequest request) {
    // unique per attempt: a retry or takeover of the same execution never meets an earlier attempt
    String copyId = request.executionId() + "-" + UUID.randomUUID();
    return new ${classPrefix}WriteSession(store, copyId, locationOf(copyId));
  }

  @Override
  public InputStream openRead(String location, String path) throws IOException {
    String copyId = copyIdOf(location);
    checkPath(path, location);
    byte[] content = store.get(copyId, path).orElseThrow(() -> new NoSuchFileException(location + " " + path));
    return new ByteArrayInputStream(content);
  }

  @Override
  public List<String> list(String location) {
    return store.list(copyIdOf(location));
  }

  @Override
  public void delete(String location) throws IOException {
    if (!store.delete(copyIdOf(location))) {
      throw new NoSuchFileException(location);
    }
  }

  @Override
  public void close() {
    // replace: close your storage client (connections, threads)
  }

  String locationOf(String copyId) {
    return prefix() + copyId;
  }

  /** The copy id of one of this bucket's locations; anything else is foreign. */
  String copyIdOf(String location) {
    if (location == null || !location.startsWith(prefix())) {
      throw new ForeignLocationException(String.valueOf(location), "${targetType} bucket '" + bucket + "'");
    }
    String copyId = location.substring(prefix().length());
    if (!COPY_ID.matcher(copyId).matches()) {
      throw new ForeignLocationException(location, "${targetType} bucket '" + bucket + "'");
    }
    return copyId;
  }

  private String prefix() {
    return "${targetType}://" + bucket + "/";
  }

  /**
   * Refuses a path that could leave the copy: relative, {@code /}-separated, no empty, {@code .}
   * or {@code ..} segment, no {@code \} and no drive letter. The exception names the path.
   */
  static void checkPath(String path, String root) {
    boolean bad = path == null || path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0
        || path.indexOf('\0') >= 0 || (path.length() > 1 && path.charAt(1) == ':');
    if (!bad) {
      for (String segment : path.split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          bad = true;
          break;
        }
      }
    }
    if (bad) {
      throw new PathEscapeException(String.valueOf(path), root);
    }
  }
}
