package dev.bms.plugins.filesystem;

import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.WriteSession;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes one copy into {@code <executionId>.<n>.partial/} and renames it to {@code <executionId>/}
 * on commit, so a crash leaves at most a {@code .partial} directory, never a copy that looks
 * complete. Every entry path is checked before its file is created. Thread-safe (synchronized):
 * entries may be opened from several threads, each stream used by one.
 */
final class FilesystemWriteSession implements WriteSession {
  private static final System.Logger LOG = System.getLogger(FilesystemWriteSession.class.getName());

  private final Path partialDir;
  private final Path dataDir;
  private final Path finalDir;
  private final Optional<Instant> lockUntil;
  private final boolean fsync;
  private final Leftovers.Lease lease;
  private final Map<String, Path> written = new HashMap<>();
  private final Set<EntryOutputStream> open = new HashSet<>();
  private boolean finished;

  /**
   * @param lockUntil the retention lock to apply at commit: the later of the configured lock and the
   *     requested retain-until; empty for none
   * @param lease held on {@code partialDir} until commit or abort, so no cleaner removes it meanwhile
   */
  FilesystemWriteSession(Path partialDir, Path finalDir, Optional<Instant> lockUntil, boolean fsync,
                         Leftovers.Lease lease) {
    this.partialDir = partialDir;
    this.dataDir = partialDir.resolve(CopyLayout.DATA);
    this.finalDir = finalDir;
    this.lockUntil = lockUntil;
    this.fsync = fsync;
    this.lease = lease;
  }

  @Override
  public synchronized OutputStream openEntry(String path, long size) throws IOException {
    requireActive();
    Path file = EntryPaths.resolve(dataDir, path); // throws PathEscapeException before anything is created
    Files.createDirectories(file.getParent());
    // CREATE_NEW: a second entry with one path fails, and an existing link is never followed
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    EntryOutputStream[] self = new EntryOutputStream[1];
    self[0] = new EntryOutputStream(channel, fsync, () -> closed(self[0]));
    open.add(self[0]);
    written.put(path, file);
    return self[0];
  }

  private synchronized void closed(EntryOutputStream stream) {
    open.remove(stream);
  }

  @Override
  public synchronized StoredCopy commit(Manifest manifest) throws IOException {
    requireActive();
    try {
      requireMatches(manifest);
      Files.writeString(partialDir.resolve(CopyLayout.MANIFEST), manifest.toText(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      Optional<Instant> lockedUntil = lockUntil;
      if (lockedUntil.isPresent()) {
        Files.writeString(partialDir.resolve(CopyLayout.LOCK), lockedUntil.get() + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      }
      if (fsync) {
        Durability.syncTree(partialDir);
      }
      if (lockedUntil.isPresent()) {
        Permissions.makeTreeReadOnlyBelow(partialDir);
      }
      if (Files.exists(finalDir, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(finalDir.toString(), null, "a copy of this execution already exists");
      }
      Files.move(partialDir, finalDir, StandardCopyOption.ATOMIC_MOVE);
      finished = true;
      lease.release();
      if (lockedUntil.isPresent()) {
        // the copy directory itself last: some systems refuse to rename a read-only directory
        Permissions.makeReadOnly(finalDir);
      }
      if (fsync) {
        Durability.syncDirectory(finalDir.getParent());
      }
      return new StoredCopy(finalDir.toString(), lockedUntil);
    } catch (IOException | RuntimeException e) {
      if (!finished) {
        abort();
      }
      throw e;
    }
  }

  @Override
  public synchronized void abort() {
    if (finished) {
      return;
    }
    finished = true;
    for (EntryOutputStream stream : new ArrayList<>(open)) {
      stream.discard();
    }
    open.clear();
    try {
      if (Files.exists(partialDir, LinkOption.NOFOLLOW_LINKS)) {
        Permissions.deleteTree(partialDir);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not remove aborted copy " + partialDir + "; it is not a copy and may be deleted", e);
    } finally {
      lease.release();
    }
  }

  /** The manifest must name exactly the entries written, with their sizes, and every stream be closed. */
  private void requireMatches(Manifest manifest) throws IOException {
    if (!open.isEmpty()) {
      throw new IllegalStateException(open.size() + " entry stream(s) of " + partialDir + " still open at commit");
    }
    List<String> problems = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (ManifestEntry e : manifest.entries()) {
      listed.add(e.path());
      Path file = written.get(e.path());
      if (file == null) {
        problems.add("'" + e.path() + "' is in the manifest but was not written");
      } else if (Files.size(file) != e.size()) {
        problems.add("'" + e.path() + "' has " + Files.size(file) + " bytes, the manifest says " + e.size());
      }
    }
    for (String path : written.keySet()) {
      if (!listed.contains(path)) {
        problems.add("'" + path + "' was written but is not in the manifest");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("manifest does not match the copy written to " + partialDir + ": "
          + String.join("; ", problems));
    }
  }

  private void requireActive() {
    if (finished) {
      throw new IllegalStateException("write session of " + finalDir + " is already committed or aborted");
    }
  }
}
