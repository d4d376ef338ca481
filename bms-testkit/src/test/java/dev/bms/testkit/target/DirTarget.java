package dev.bms.testkit.target;

import dev.bms.api.ForeignLocationException;
import dev.bms.api.PathEscapeException;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.MediaType;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.TargetCapabilities;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A small directory-backed target for proving the kit: correct with {@link Flaw#NONE}, and broken
 * on purpose in the ways vendors get wrong.
 */
final class DirTarget implements BackupTarget {
  enum Flaw {
    /** Behaves: copies written to a {@code .partial} directory renamed on commit, locations checked. */
    NONE,
    /** Writes in place (no atomic commit) and takes any absolute path as a location. */
    WRITES_IN_PLACE,
    /** Commits atomically but takes any absolute path as a location. */
    SERVES_ANY_LOCATION
  }

  private final Path root;
  private final Flaw flaw;

  DirTarget(Path root, Flaw flaw) {
    this.root = root.toAbsolutePath().normalize();
    this.flaw = flaw;
  }

  @Override
  public TargetCapabilities capabilities() {
    return new TargetCapabilities(MediaType.LOCAL_DISK, "test", false, false, false);
  }

  @Override
  public WriteSession openWrite(WriteRequest request) throws IOException {
    Path finalDir = root.resolve(request.executionId().toString());
    Path dir = flaw == Flaw.WRITES_IN_PLACE ? finalDir
        : root.resolve(request.executionId() + "." + UUID.randomUUID() + ".partial");
    Files.createDirectories(dir);
    return new WriteSession() {
      @Override
      public OutputStream openEntry(String path, long size) throws IOException {
        Path file = inside(dir, path);
        Files.createDirectories(file.getParent());
        return Files.newOutputStream(file);
      }

      @Override
      public StoredCopy commit(Manifest manifest) throws IOException {
        if (dir != finalDir) {
          if (Files.exists(finalDir)) {
            throw new FileAlreadyExistsException(finalDir.toString());
          }
          Files.move(dir, finalDir, StandardCopyOption.ATOMIC_MOVE);
        }
        return new StoredCopy(finalDir.toString(), Optional.empty());
      }

      @Override
      public void abort() {
        try {
          deleteTree(dir);
        } catch (IOException ignored) {
          // a test target
        }
      }
    };
  }

  @Override
  public InputStream openRead(String location, String path) throws IOException {
    Path file = inside(copy(location), path);
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    return Files.newInputStream(file);
  }

  @Override
  public List<String> list(String location) throws IOException {
    Path copy = copy(location);
    if (!Files.isDirectory(copy)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(copy)) {
      return files.filter(Files::isRegularFile).map(p -> copy.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
  }

  @Override
  public void delete(String location) throws IOException {
    deleteTree(copy(location));
  }

  @Override
  public Optional<java.time.Instant> lockedUntil(String location) {
    copy(location);
    return Optional.empty();
  }

  private Path copy(String location) {
    if (flaw != Flaw.NONE) {
      return Path.of(location); // the flaw: whatever the caller names
    }
    Path p;
    try {
      p = Path.of(location);
    } catch (RuntimeException e) {
      throw new ForeignLocationException(location, "test target at " + root);
    }
    if (!p.isAbsolute() || !p.equals(p.normalize()) || !root.equals(p.getParent())
        || p.getFileName().toString().contains(".")) {
      throw new ForeignLocationException(location, "test target at " + root);
    }
    return p;
  }

  private static Path inside(Path dir, String path) {
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
      throw new PathEscapeException(path, dir.toString());
    }
    Path file = dir.resolve(path).normalize();
    if (!file.startsWith(dir) || file.equals(dir)) {
      throw new PathEscapeException(path, dir.toString());
    }
    return file;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
