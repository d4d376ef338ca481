package dev.bms.plugins.filesystem;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leases on copies being written, and the removal of what killed writers left behind.
 *
 * <p>Each {@code <id>.<n>.partial} directory has a sibling lease file {@code <id>.<n>.partial.lease}
 * on which its writer holds an exclusive OS file lock until it commits or aborts. The operating
 * system drops the lock when the writing process dies (SIGKILL included), so:
 * <ul>
 *   <li>a {@code .partial} whose lease file can be locked has no live owner and is removed;</li>
 *   <li>one whose lease is held (by this JVM or another process) is left alone;</li>
 *   <li>when ownership cannot be known (no lease file, or a file system without locks, such as
 *       some NFS mounts), it is removed once its directory was last modified more than
 *       {@code maxAge} ago (default 24 hours: longer than any backup writes without touching it).</li>
 * </ul>
 * {@code .deleting} directories (an interrupted delete) are removed whatever their age. Cleaning runs
 * in the job directory each time a copy of that job is opened, so it costs one directory listing.
 */
final class Leftovers {
  static final String LEASE_SUFFIX = ".lease";
  private static final System.Logger LOG = System.getLogger(Leftovers.class.getName());

  /**
   * Lease files this JVM holds. Never probed with a lock here: on POSIX systems closing any channel
   * to a file drops every lock the process holds on it, including the writer's.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private Leftovers() {
  }

  /**
   * Takes the lease of a {@code .partial} directory about to be created; release it after commit or
   * abort. Taken before the directory exists, so no cleaner ever sees the directory without it.
   */
  static Lease take(Path partialDir) throws IOException {
    Path file = leaseFile(partialDir);
    HELD.add(file);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      HELD.remove(file);
      throw e;
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IOException("lease " + file + " is held by another process");
      }
      return new Lease(file, channel);
    } catch (IOException | RuntimeException e) {
      // a file system without locks: the lease file still marks ownership by age
      LOG.log(Level.DEBUG, "no OS lock on " + file + "; leftovers of this write are cleaned by age", e);
      return new Lease(file, channel);
    }
  }

  /** Removes the {@code .partial} directories in {@code jobDir} that no live writer owns, and {@code .deleting} ones. */
  static void clean(Path jobDir, Duration maxAge, Clock clock) {
    if (!Files.isDirectory(jobDir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(jobDir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.endsWith(CopyLayout.PARTIAL_SUFFIX) && ownerGone(p, maxAge, clock.instant())) {
          remove(p);
          Files.deleteIfExists(leaseFile(p));
        } else if (name.endsWith(CopyLayout.DELETING_SUFFIX)) {
          remove(p);
        } else if (name.endsWith(CopyLayout.PARTIAL_SUFFIX + LEASE_SUFFIX)
            && !Files.exists(jobDir.resolve(name.substring(0, name.length() - LEASE_SUFFIX.length())))
            && !HELD.contains(p) && unlocked(p)) {
          Files.deleteIfExists(p); // the lease of a directory already gone
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not clean leftovers in " + jobDir, e);
    }
  }

  private static boolean ownerGone(Path partialDir, Duration maxAge, Instant now) throws IOException {
    Path lease = leaseFile(partialDir);
    if (HELD.contains(lease)) {
      return false;
    }
    if (Files.exists(lease, LinkOption.NOFOLLOW_LINKS)) {
      Boolean free = tryLock(lease);
      if (free != null) {
        return free;
      }
    }
    try {
      Instant modified = Files.getLastModifiedTime(partialDir, LinkOption.NOFOLLOW_LINKS).toInstant();
      return modified.plus(maxAge).isBefore(now);
    } catch (NoSuchFileException gone) {
      return false;
    }
  }

  private static boolean unlocked(Path lease) {
    return Boolean.TRUE.equals(tryLock(lease));
  }

  /** True when the lease could be locked (no owner), false when held, null when unknown. */
  private static Boolean tryLock(Path lease) {
    try (FileChannel channel = FileChannel.open(lease, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return false;
      }
      lock.release();
      return true;
    } catch (OverlappingFileLockException heldHere) {
      return false;
    } catch (NoSuchFileException gone) {
      return null;
    } catch (IOException | RuntimeException unsupported) {
      return null;
    }
  }

  private static void remove(Path dir) {
    try {
      Permissions.makeWritable(dir);
      Permissions.deleteTree(dir);
      LOG.log(Level.INFO, "removed leftover " + dir);
    } catch (NoSuchFileException gone) {
      // removed by someone else meanwhile
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not remove leftover " + dir, e);
    }
  }

  static Path leaseFile(Path partialDir) {
    return partialDir.resolveSibling(partialDir.getFileName() + LEASE_SUFFIX);
  }

  /** The lease a writer holds on its {@code .partial} directory. */
  static final class Lease {
    private final Path file;
    private final FileChannel channel;

    private Lease(Path file, FileChannel channel) {
      this.file = file;
      this.channel = channel;
    }

    /** Drops the lock and the lease file; call once the directory is committed or removed. */
    void release() {
      try {
        channel.close();
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not remove lease " + file + "; it is cleaned up later", e);
      } finally {
        HELD.remove(file);
      }
    }
  }
}
