package dev.bms.core.internal.verify;

import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.IntegrityReport;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.spi.BackupTarget;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Restores a copy into a fresh scratch directory through its target, compares every restored file
 * with the manifest (and flags files the manifest does not list), and always deletes the scratch
 * directory afterwards.
 */
@Singleton
public final class RestoreTester {

  /** Restores and compares; the scratch directory is gone when this returns. */
  public IntegrityReport restoreAndCompare(BackupTarget target, String location, Manifest manifest) throws IOException {
    Path scratch = Files.createTempDirectory("bms-restore-test-");
    try {
      target.restore(location, manifest, scratch);
      return compare(scratch, manifest);
    } finally {
      deleteTree(scratch);
    }
  }

  static IntegrityReport compare(Path root, Manifest manifest) throws IOException {
    List<IntegrityProblem> problems = new ArrayList<>();
    long files = 0;
    long bytes = 0;
    byte[] buffer = new byte[256 * 1024];
    for (ManifestEntry e : manifest.entries()) {
      Path file = root.resolve(e.path());
      if (!Files.isRegularFile(file)) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.MISSING, "not restored"));
        continue;
      }
      MessageDigest md = sha256();
      long size = 0;
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          md.update(buffer, 0, n);
          size += n;
        }
      }
      files++;
      bytes += size;
      String actual = HexFormat.of().formatHex(md.digest());
      if (size != e.size()) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.SIZE_MISMATCH,
            "restored " + size + " bytes, manifest says " + e.size()));
      } else if (!actual.equals(e.sha256())) {
        problems.add(new IntegrityProblem(e.path(), IntegrityProblem.Kind.CHECKSUM_MISMATCH,
            "restored sha256 " + actual + ", manifest says " + e.sha256()));
      }
    }
    Set<String> expected = manifest.entries().stream().map(ManifestEntry::path).collect(Collectors.toSet());
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !expected.contains(p))
          .sorted()
          .forEach(p -> problems.add(new IntegrityProblem(p, IntegrityProblem.Kind.UNEXPECTED, "restored but not in the manifest")));
    }
    return new IntegrityReport(files, bytes, problems);
  }

  private static void deleteTree(Path root) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
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
      throw new UncheckedIOException("could not delete restore-test scratch directory " + root, e);
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
