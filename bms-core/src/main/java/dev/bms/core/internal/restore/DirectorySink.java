package dev.bms.core.internal.restore;

import dev.bms.api.model.ManifestEntry;
import dev.bms.spi.RestoreSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Restores into a local directory. Each file is written to a hidden temporary name beside its final
 * one and renamed only on {@link PendingFile#commit}, after bms compared its hash, so a file whose
 * content did not match never appears under its final name. Symbolic links inside the destination
 * are never followed: a directory on the way that is a link fails that file, and a link at the
 * final name is replaced (OVERWRITE) or counts as an existing file, never written through. The
 * recorded modification time and POSIX permissions are applied before the rename.
 */
final class DirectorySink implements RestoreSink {
  private final Path root;

  DirectorySink(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String describe() {
    return "directory " + root;
  }

  @Override
  public boolean exists(String path) throws IOException {
    Path parent = existingParent(path);
    return parent != null && Files.exists(parent.resolve(RestorePaths.name(path)), LinkOption.NOFOLLOW_LINKS);
  }

  /** Why a file could not be written at {@code path} (a link on the way), if so; nothing is created. */
  void checkWay(String path) throws IOException {
    existingParent(path);
  }

  @Override
  public PendingFile open(ManifestEntry entry, String path) throws IOException {
    Path parent = createParents(path);
    Path target = parent.resolve(RestorePaths.name(path));
    Path temp = parent.resolve("." + RestorePaths.name(path) + ".bms-restore-" + UUID.randomUUID() + ".tmp");
    FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
    OutputStream out = Channels.newOutputStream(channel);
    return new PendingFile() {
      private boolean closed;

      @Override
      public OutputStream content() {
        return out;
      }

      @Override
      public void commit(boolean replace) throws IOException {
        try {
          channel.force(false);
          close();
          apply(entry, temp);
          if (replace) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } else {
            moveIfAbsent(temp, target);
          }
        } catch (IOException | RuntimeException e) {
          discard();
          throw e;
        }
      }

      @Override
      public void discard() {
        try {
          close();
        } catch (IOException ignored) {
          // deleting matters more
        }
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: a hidden temporary name, never the final one
        }
      }

      private void close() throws IOException {
        if (!closed) {
          closed = true;
          out.close();
        }
      }
    };
  }

  /** A hard link fails atomically when the name is taken; a rename without replace is the fallback. */
  private static void moveIfAbsent(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
      Files.delete(temp);
    } catch (FileAlreadyExistsException taken) {
      throw taken;
    } catch (UnsupportedOperationException | FileSystemException noLinks) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(temp, target);
    }
  }

  private static void apply(ManifestEntry entry, Path file) throws IOException {
    if (entry.modifiedAt().isPresent()) {
      Files.setLastModifiedTime(file, FileTime.from(entry.modifiedAt().get()));
    }
    if (entry.permissions().isPresent()) {
      PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      if (view != null) {
        view.setPermissions(PosixFilePermissions.fromString(entry.permissions().get()));
      }
    }
  }

  /** The parent directory of {@code path}, or null if part of it does not exist yet; links refused. */
  private Path existingParent(String path) throws IOException {
    Path dir = root;
    if (!Files.exists(dir)) {
      return null;
    }
    String parent = RestorePaths.parent(path);
    if (parent.isEmpty()) {
      return dir;
    }
    for (String segment : parent.split("/")) {
      dir = dir.resolve(segment);
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException missing) {
        return null;
      }
      if (attrs.isSymbolicLink()) {
        throw new DestinationSymlinkException(path, root.relativize(dir).toString());
      }
      if (!attrs.isDirectory()) {
        throw new IOException("'" + root.relativize(dir) + "' on the way to '" + path + "' is not a directory");
      }
    }
    return dir;
  }

  private Path createParents(String path) throws IOException {
    Files.createDirectories(root);
    Path dir = root;
    String parent = RestorePaths.parent(path);
    if (!parent.isEmpty()) {
      for (String segment : parent.split("/")) {
        dir = dir.resolve(segment);
        try {
          Files.createDirectory(dir);
        } catch (FileAlreadyExistsException exists) {
          BasicFileAttributes attrs = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (attrs.isSymbolicLink()) {
            throw new DestinationSymlinkException(path, root.relativize(dir).toString());
          }
          if (!attrs.isDirectory()) {
            throw new IOException("'" + root.relativize(dir) + "' on the way to '" + path + "' is not a directory");
          }
        }
      }
    }
    return dir;
  }
}
