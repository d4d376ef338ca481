package dev.bms.plugins.filesystem;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Read-only attributes of copy trees: set when a copy is locked, read back by
 * {@code lockedUntil}, lifted before a delete. Uses POSIX permission bits where the filesystem
 * has them (not {@link Files#isWritable}, which says "writable" to root whatever the bits say), and
 * the DOS read-only flag on files elsewhere.
 */
final class Permissions {
  private static final Set<PosixFilePermission> WRITE = EnumSet.of(
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private Permissions() {
  }

  /** Removes every write permission from {@code path} itself (not following links). */
  static void makeReadOnly(Path path) throws IOException {
    PosixFileAttributeView posix = posix(path);
    if (posix != null) {
      Set<PosixFilePermission> perms = posix.readAttributes().permissions();
      if (perms.removeAll(WRITE)) {
        posix.setPermissions(perms);
      }
    } else if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Files.getFileAttributeView(path, DosFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setReadOnly(true);
    }
  }

  /** Gives the owner write permission on {@code path} itself again. */
  static void makeWritable(Path path) throws IOException {
    if (Files.isSymbolicLink(path)) {
      return; // link permissions mean nothing, and following one could unlock a file elsewhere
    }
    PosixFileAttributeView posix = posix(path);
    if (posix != null) {
      Set<PosixFilePermission> perms = posix.readAttributes().permissions();
      if (perms.add(PosixFilePermission.OWNER_WRITE)) {
        posix.setPermissions(perms);
      }
    } else {
      DosFileAttributeView dos = Files.getFileAttributeView(path, DosFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      if (dos != null) {
        dos.setReadOnly(false);
      }
    }
  }

  /** True when nobody has write permission on {@code path} (directories count on POSIX only). */
  static boolean isReadOnly(Path path) throws IOException {
    PosixFileAttributeView posix = posix(path);
    if (posix != null) {
      Set<PosixFilePermission> perms = posix.readAttributes().permissions();
      return perms.stream().noneMatch(WRITE::contains);
    }
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    return Files.getFileAttributeView(path, DosFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes().isReadOnly();
  }

  /** Makes everything below {@code dir} read-only, children first, leaving {@code dir} itself as is. */
  static void makeTreeReadOnlyBelow(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isSymbolicLink()) {
          makeReadOnly(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        if (!d.equals(dir)) {
          makeReadOnly(d);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** True when {@code dir} and everything below it (links aside) is read-only. */
  static boolean isTreeReadOnly(Path dir) throws IOException {
    boolean[] readOnly = {true};
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        return check(d);
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        return attrs.isSymbolicLink() ? FileVisitResult.CONTINUE : check(file);
      }

      private FileVisitResult check(Path p) throws IOException {
        if (isReadOnly(p)) {
          return FileVisitResult.CONTINUE;
        }
        readOnly[0] = false;
        return FileVisitResult.TERMINATE;
      }
    });
    return readOnly[0];
  }

  /**
   * Deletes {@code dir} and everything below it, giving write permission back first where needed
   * (a read-only directory cannot lose its entries). Symbolic links are deleted, never followed.
   */
  static void deleteTree(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        makeWritable(d);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isSymbolicLink() && !attrs.isDirectory()) {
          makeWritable(file); // only matters on DOS-like filesystems, where read-only files resist deletion
        }
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static PosixFileAttributeView posix(Path path) {
    return Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
  }
}
