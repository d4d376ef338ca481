package dev.bms.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.SplittableRandom;

/** Creates and removes the trees benchmarks read and write. */
final class BenchmarkFiles {
  private BenchmarkFiles() {
  }

  /** {@code files} files of pseudo-random bytes totalling about {@code totalBytes}, in 10 directories. */
  static Path tree(Path root, int files, long totalBytes) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    int size = (int) Math.max(1, totalBytes / files);
    byte[] content = new byte[size];
    for (int i = 0; i < files; i++) {
      random.nextBytes(content);
      Path file = root.resolve("dir-" + (i % 10)).resolve("file-" + i + ".bin");
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    }
    return root;
  }

  /**
   * {@code files} files of pseudo-random bytes, each between {@code minBytes} and {@code maxBytes}
   * long (uniformly, the same sizes for the same {@code seed}), in 5 directories.
   */
  static Path mixedTree(Path root, int files, int minBytes, int maxBytes, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < files; i++) {
      byte[] content = new byte[random.nextInt(minBytes, maxBytes + 1)];
      random.nextBytes(content);
      Path file = root.resolve("dir-" + (i % 5)).resolve("file-" + i + ".bin");
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    }
    return root;
  }

  /** Deletes a tree, making read-only files writable first. */
  static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          dir.toFile().setWritable(true);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          file.toFile().setWritable(true);
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
