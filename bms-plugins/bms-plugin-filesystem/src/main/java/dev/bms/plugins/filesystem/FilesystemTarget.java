package dev.bms.plugins.filesystem;

import dev.bms.api.CopyLockedException;
import dev.bms.api.PathEscapeException;
import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.IntegrityReport;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.TargetCapabilities;
import dev.bms.spi.TargetCapacity;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The {@code "filesystem"} target: copies as directories below {@code root/subdirectory} (layout in
 * {@link CopyLayout}). Locked copies carry a {@code retention.lock} file and have every file and
 * directory made read-only; {@link #lockedUntil} believes a lock only when both are found on disk,
 * while {@link #delete} refuses as soon as the lock file names a future instant. Stateless apart
 * from its settings, hence thread-safe.
 */
final class FilesystemTarget implements BackupTarget {
  private static final int READ_BUFFER = EntryOutputStream.BUFFER_SIZE;

  private final Path root;
  private final CopyLayout layout;
  private final Supplier<TargetCapabilities> capabilitiesSource;
  private volatile TargetCapabilities capabilities;
  private final int immutableDays;
  private final boolean fsync;
  private final boolean initialize;
  private final Duration partialMaxAge;
  private final Clock clock;

  /**
   * @param root the configured root; must exist for writes (it is never created, so an unmounted
   *     share fails instead of silently filling the local disk)
   * @param base {@code root/subdirectory}, absolute and normalized; created on the first write
   * @param capabilities what the target declares, computed on first use
   * @param immutableDays lock period of new copies, 0 for none
   * @param fsync whether commit forces data, manifest and directories to the device
   * @param initialize whether a root without the {@link TargetMarker} gets one (else writes fail)
   * @param partialMaxAge age after which a {@code .partial} directory whose owner cannot be known is removed
   * @param clock the time locks start from and are compared with
   */
  FilesystemTarget(Path root, Path base, Supplier<TargetCapabilities> capabilities, int immutableDays, boolean fsync,
      boolean initialize, Duration partialMaxAge, Clock clock) {
    this.root = root;
    this.layout = new CopyLayout(base);
    this.capabilitiesSource = capabilities;
    this.immutableDays = immutableDays;
    this.fsync = fsync;
    this.initialize = initialize;
    this.partialMaxAge = partialMaxAge;
    this.clock = clock;
  }

  /** {@code immutableDays}, as configured. */
  @Override
  public Duration lockPeriod() {
    return Duration.ofDays(immutableDays);
  }

  @Override
  public TargetCapabilities capabilities() {
    TargetCapabilities c = capabilities;
    if (c == null) {
      c = capabilitiesSource.get(); // computing it twice in a race is harmless
      capabilities = c;
    }
    return c;
  }

  /**
   * The file store holding the root: its total size and the bytes available to this process's user
   * ({@link FileStore#getUsableSpace()}, which leaves out blocks reserved for root). Empty while the
   * root is missing (an unmounted disk would report the file store underneath) or when the file
   * store reports no size.
   */
  @Override
  public Optional<TargetCapacity> capacity() throws IOException {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    FileStore store = Files.getFileStore(root);
    long total = store.getTotalSpace();
    if (total <= 0) {
      return Optional.empty();
    }
    return Optional.of(new TargetCapacity(total, Math.max(0, Math.min(total, store.getUsableSpace()))));
  }

  @Override
  public WriteSession openWrite(WriteRequest request) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root.toString(), null, "target root is missing (not mounted?)");
    }
    TargetMarker.require(root, initialize, clock);
    Path finalDir = layout.copyDir(request.jobName(), request.executionId());
    Path jobDir = finalDir.getParent();
    Files.createDirectories(jobDir);
    Leftovers.clean(jobDir, partialMaxAge, clock);
    if (Files.exists(finalDir, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(finalDir.toString(), null, "a copy of this execution already exists");
    }
    // A unique name: a leftover of a crashed attempt never blocks a retry.
    Path partialDir = jobDir.resolve(request.executionId() + "." + uniqueSuffix() + CopyLayout.PARTIAL_SUFFIX);
    Leftovers.Lease lease = Leftovers.take(partialDir); // before the directory exists, so no cleaner sees it unowned
    try {
      Files.createDirectory(partialDir);
      Files.createDirectory(partialDir.resolve(CopyLayout.DATA));
    } catch (IOException | RuntimeException e) {
      lease.release();
      throw e;
    }
    Optional<Instant> lockUntil = Optional.empty();
    if (immutableDays > 0) {
      Instant configured = clock.instant().plus(Duration.ofDays(immutableDays));
      lockUntil = Optional.of(request.retainUntil().filter(configured::isBefore).orElse(configured));
    }
    return new FilesystemWriteSession(partialDir, finalDir, lockUntil, fsync, lease);
  }

  @Override
  public InputStream openRead(String location, String path) throws IOException {
    Path file = existingDataFile(location, path);
    return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public List<String> list(String location) throws IOException {
    Path data = layout.copyDir(location).resolve(CopyLayout.DATA);
    if (!Files.isDirectory(data, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(data)) {
      // every non-directory, links included: anything unexpected should be named
      return files.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> EntryPaths.relativeName(data, p))
          .sorted()
          .toList();
    }
  }

  @Override
  public void delete(String location) throws IOException {
    Path copy = layout.copyDir(location);
    if (!Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
      return; // already gone: deleting is idempotent, so retention can retry after a crash
    }
    Optional<Instant> lock = readLockFile(copy);
    if (lock.isPresent() && lock.get().isAfter(clock.instant())) {
      throw new CopyLockedException(location, lock.get());
    }
    // Rename first: an interrupted delete leaves a ".deleting" directory, never a half copy.
    Path doomed = copy.resolveSibling(copy.getFileName() + "." + uniqueSuffix() + CopyLayout.DELETING_SUFFIX);
    Permissions.makeWritable(copy);
    Files.move(copy, doomed, StandardCopyOption.ATOMIC_MOVE);
    Permissions.deleteTree(doomed);
  }

  /**
   * The lock read back from disk: present only when the lock file holds an instant AND the copy
   * directory with everything in it is read-only. Walks the whole copy, one stat per file.
   */
  @Override
  public Optional<Instant> lockedUntil(String location) throws IOException {
    Path copy = layout.copyDir(location);
    if (!Files.isDirectory(copy, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Optional<Instant> lock;
    try {
      lock = readLockFile(copy);
    } catch (IOException unreadable) {
      return Optional.empty();
    }
    if (lock.isEmpty() || !Permissions.isTreeReadOnly(copy)) {
      return Optional.empty();
    }
    return lock;
  }

  /** Checks every manifest entry, then names every file in the copy that the manifest lacks. */
  @Override
  public IntegrityReport verify(String location, Manifest manifest) throws IOException {
    IntegrityReport checked = verify(location, manifest.entries());
    Set<String> expected = new HashSet<>();
    for (ManifestEntry e : manifest.entries()) {
      expected.add(e.path());
    }
    List<IntegrityProblem> problems = new ArrayList<>(checked.problems());
    for (String present : list(location)) {
      if (!expected.contains(present)) {
        problems.add(new IntegrityProblem(present, IntegrityProblem.Kind.UNEXPECTED, "in the copy, not in the manifest"));
      }
    }
    return new IntegrityReport(checked.filesChecked(), checked.bytesChecked(), problems);
  }

  /** Checks the given entries: size from the file system first, then the SHA-256 of the content. */
  @Override
  public IntegrityReport verify(String location, List<ManifestEntry> entries) throws IOException {
    layout.copyDir(location); // a bad location is the caller's error, not a problem of the copy
    List<IntegrityProblem> problems = new ArrayList<>();
    long files = 0;
    long bytes = 0;
    ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
    for (ManifestEntry e : entries) {
      Path file;
      try {
        file = existingDataFile(location, e.path());
      } catch (NoSuchFileException missing) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.MISSING, "not found in copy"));
        continue;
      } catch (PathEscapeException escape) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.UNREADABLE, "resolves outside the copy"));
        continue;
      } catch (IOException unreadable) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.UNREADABLE, String.valueOf(unreadable.getMessage())));
        continue;
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        long size = channel.size();
        files++;
        if (size != e.size()) {
          problems.add(sizeMismatch(e, size));
          continue;
        }
        MessageDigest md = sha256();
        long read = 0;
        for (int n; (n = channel.read(buffer.clear())) >= 0; ) {
          md.update(buffer.array(), 0, n);
          read += n;
        }
        bytes += read;
        String actual = HexFormat.of().formatHex(md.digest());
        if (read != e.size()) {
          problems.add(sizeMismatch(e, read)); // changed while being read
        } else if (!actual.equals(e.sha256())) {
          problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.CHECKSUM_MISMATCH,
              "expected sha256 " + e.sha256() + ", found " + actual));
        }
      } catch (NoSuchFileException vanished) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.MISSING, "not found in copy"));
      } catch (IOException unreadable) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.UNREADABLE, String.valueOf(unreadable.getMessage())));
      }
    }
    return new IntegrityReport(files, bytes, problems);
  }

  /**
   * Restores every file into {@code destination}. Every path is checked before the first byte is
   * written; files are written without following links at the destination, and each parent
   * directory must really be inside the destination (a planted link cannot redirect the restore).
   */
  @Override
  public void restore(String location, Manifest manifest, Path destination) throws IOException {
    Path dest = destination.toAbsolutePath().normalize();
    List<Path> targets = new ArrayList<>(manifest.entries().size());
    for (ManifestEntry e : manifest.entries()) {
      targets.add(EntryPaths.resolve(dest, e.path()));
    }
    layout.copyDir(location);
    Files.createDirectories(dest);
    Path realDest = dest.toRealPath();
    for (int i = 0; i < targets.size(); i++) {
      ManifestEntry e = manifest.entries().get(i);
      Path source = existingDataFile(location, e.path());
      Path target = targets.get(i);
      Files.createDirectories(target.getParent());
      if (!target.getParent().toRealPath().startsWith(realDest)) {
        throw new PathEscapeException(e.path(), dest.toString());
      }
      try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
           FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
               StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
        long size = in.size();
        for (long position = 0; position < size; ) {
          long n = in.transferTo(position, size - position, out);
          if (n <= 0) {
            break; // the source shrank; verify reports that, restore copies what is there
          }
          position += n;
        }
      }
    }
  }

  /** The real path of a data file, checked to lie inside its copy's data directory. */
  private Path existingDataFile(String location, String path) throws IOException {
    Path data = layout.copyDir(location).resolve(CopyLayout.DATA);
    Path file = EntryPaths.resolve(data, path);
    // Follow links only to check them: the real file must be under the real data directory.
    Path realData = layout.base().toRealPath().resolve(layout.base().relativize(data));
    Path real = file.toRealPath();
    if (!real.startsWith(realData) || real.equals(realData)) {
      throw new PathEscapeException(path, data.toString());
    }
    BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
    if (!attrs.isRegularFile()) {
      throw new NoSuchFileException(file.toString(), null, "not a regular file");
    }
    return real;
  }

  private static Optional<Instant> readLockFile(Path copy) throws IOException {
    Path lockFile = copy.resolve(CopyLayout.LOCK);
    if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    String text = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      throw new IOException("unreadable retention lock " + lockFile + ": '" + text + "'", e);
    }
  }

  private static IntegrityProblem sizeMismatch(ManifestEntry e, long actual) {
    return new IntegrityProblem(e.path(), IntegrityProblem.Kind.SIZE_MISMATCH,
        "expected " + e.size() + " bytes, found " + actual);
  }

  /** Random, so two instances sharing one root never pick the same temporary name. */
  private static String uniqueSuffix() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  @Override
  public String toString() {
    return "filesystem target at " + layout.base();
  }
}
