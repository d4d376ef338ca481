package dev.bms.plugins.filesystem;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * fsync of files and directories. A new file survives a power cut only once its own data and the
 * directory entry naming it are both on the device, hence directories too. Windows cannot open a
 * directory for syncing (and NTFS journals the entry), so there directory syncs are skipped.
 */
final class Durability {
  private static final boolean CAN_SYNC_DIRECTORIES = File.separatorChar == '/';

  private Durability() {
  }

  static void syncFile(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  static void syncDirectory(Path dir) throws IOException {
    if (CAN_SYNC_DIRECTORIES) {
      syncFile(dir);
    }
  }

  /**
   * Syncs every directory below and including {@code dir}, and every file directly in
   * {@code dir} (manifest and lock; data files are synced as their streams close).
   */
  static void syncTree(Path dir) throws IOException {
    try (var children = Files.newDirectoryStream(dir, Files::isRegularFile)) {
      for (Path file : children) {
        syncFile(file);
      }
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        syncDirectory(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
