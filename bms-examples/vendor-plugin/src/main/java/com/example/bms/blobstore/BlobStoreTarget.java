package com.example.bms.blobstore;

import dev.bms.api.ForeignLocationException;
import dev.bms.api.PathEscapeException;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.PluginMetrics;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.TargetCapabilities;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A content-addressed target: every file is stored once as {@code blobs/<sha256>}, whatever the
 * number of copies that hold it (deduplication across executions), and each copy is an index
 * {@code copies/<executionId>/index.tsv} mapping paths to blobs. A copy becomes visible only when
 * its index is renamed into place at commit.
 *
 * <p>Thread-safe: sessions share nothing but the blob directory, where identical content is written
 * to a private temporary file and moved onto its final name (a no-op when another session got there
 * first).
 */
final class BlobStoreTarget implements BackupTarget {
  private final Path root;
  private final Path blobs;
  private final Path copies;
  private final Path tmp;
  private final TargetCapabilities capabilities;
  private final PluginMetrics metrics;

  BlobStoreTarget(Path root, TargetCapabilities capabilities, PluginMetrics metrics) {
    this.metrics = metrics;
    this.root = root;
    this.blobs = root.resolve("blobs");
    this.copies = root.resolve("copies");
    this.tmp = root.resolve("tmp");
    this.capabilities = capabilities;
  }

  @Override
  public TargetCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public WriteSession openWrite(WriteRequest request) throws IOException {
    Files.createDirectories(blobs);
    Files.createDirectories(copies);
    Files.createDirectories(tmp);
    return new Session(copies.resolve(request.executionId().toString()));
  }

  @Override
  public InputStream openRead(String location, String path) throws IOException {
    String blob = index(copyDir(location)).get(checkPath(path));
    if (blob == null) {
      throw new NoSuchFileException(path);
    }
    return Files.newInputStream(blobs.resolve(blob));
  }

  @Override
  public List<String> list(String location) throws IOException {
    return List.copyOf(index(copyDir(location)).keySet());
  }

  @Override
  public void delete(String location) throws IOException {
    Path dir = copyDir(location);
    if (Files.exists(dir)) {
      Files.delete(dir.resolve("index.tsv"));
      Files.delete(dir);
    }
    collectGarbage();
  }

  /** Deletes blobs no index refers to any more. */
  private void collectGarbage() throws IOException {
    Set<String> live = new HashSet<>();
    try (Stream<Path> dirs = Files.list(copies)) {
      for (Path dir : dirs.toList()) {
        live.addAll(index(dir).values());
      }
    }
    try (Stream<Path> all = Files.list(blobs)) {
      for (Path blob : all.toList()) {
        if (!live.contains(blob.getFileName().toString())) {
          Files.deleteIfExists(blob);
        }
      }
    }
  }

  /** The copy directory of a location this target returned; anything else is refused. */
  private Path copyDir(String location) {
    Path dir;
    try {
      dir = Path.of(location);
    } catch (InvalidPathException e) {
      throw new ForeignLocationException(location, "the blobstore at " + root);
    }
    if (!dir.isAbsolute() || !dir.equals(dir.normalize()) || !copies.equals(dir.getParent())
        || dir.getFileName().toString().endsWith(".partial")) {
      throw new ForeignLocationException(location, "the blobstore at " + root);
    }
    return dir;
  }

  /** path -> blob name, sorted by path; empty when the copy does not exist. */
  private static Map<String, String> index(Path copyDir) throws IOException {
    Map<String, String> index = new TreeMap<>();
    Path file = copyDir.resolve("index.tsv");
    if (!Files.exists(file)) {
      return index;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] parts = line.split("\t");
      index.put(parts[0], parts[1]);
    }
    return index;
  }

  /** Entry paths are relative and never leave the copy: no absolute paths, no ".." segments. */
  private String checkPath(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\")
        || Stream.of(path.split("/")).anyMatch(s -> s.equals("..") || s.isEmpty())) {
      throw new PathEscapeException(path, root.toString());
    }
    return path;
  }

  private final class Session implements WriteSession {
    private final Path copyDir;
    private final Map<String, String> written = new TreeMap<>();
    private final Map<String, Long> sizes = new TreeMap<>();

    Session(Path copyDir) {
      this.copyDir = copyDir;
    }

    @Override
    public OutputStream openEntry(String path, long size) throws IOException {
      String checked = checkPath(path);
      Path part = tmp.resolve(UUID.randomUUID() + ".part");
      MessageDigest md = sha256();
      OutputStream file = Files.newOutputStream(part);
      return new FilterOutputStream(new DigestOutputStream(file, md)) {
        long count;

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          count += len;
        }

        @Override
        public void close() throws IOException {
          super.close();
          String blob = HexFormat.of().formatHex(md.digest());
          if (!moveIntoPlace(part, blobs.resolve(blob))) {
            metrics.increment("blobstore.blobs.deduplicated", 1);
          }
          synchronized (Session.this) {
            written.put(checked, blob);
            sizes.put(checked, count);
          }
        }
      };
    }

    @Override
    public synchronized StoredCopy commit(Manifest manifest) throws IOException {
      for (ManifestEntry e : manifest.entries()) {
        if (!written.containsKey(e.path()) || sizes.get(e.path()) != e.size()) {
          throw new IOException("manifest entry " + e.path() + " was not written as described");
        }
      }
      Path partial = copyDir.resolveSibling(copyDir.getFileName() + ".partial");
      Files.createDirectories(partial);
      StringBuilder index = new StringBuilder();
      written.forEach((path, blob) -> index.append(path).append('\t').append(blob).append('\n'));
      Files.writeString(partial.resolve("index.tsv"), index, StandardCharsets.UTF_8);
      Files.move(partial, copyDir, StandardCopyOption.ATOMIC_MOVE);
      metrics.increment("blobstore.copies.committed", 1);
      return new StoredCopy(copyDir.toString(), Optional.empty());
    }

    @Override
    public void abort() {
      // Blobs already moved into place stay until garbage collection; the copy never appears.
      Path partial = copyDir.resolveSibling(copyDir.getFileName() + ".partial");
      try (Stream<Path> files = Files.exists(partial) ? Files.walk(partial) : Stream.empty()) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** False when the blob was already stored (identical content): the new one is dropped. */
  private static boolean moveIntoPlace(Path part, Path blob) throws IOException {
    try {
      Files.move(part, blob, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(part); // identical content is already stored
      return false;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
