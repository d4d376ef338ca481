package dev.bms.examples.quickstart;

import dev.bms.api.BackupManager;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.ManifestEntry;
import dev.bms.api.model.PageRequest;
import dev.bms.api.restore.ConflictPolicy;
import dev.bms.api.restore.RestoreExecution;
import dev.bms.api.restore.RestorePointRef;
import dev.bms.api.restore.RestoreRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The last step: bring one file back from the backup and show that it is the same file. */
final class RestoreOneFile {
  private RestoreOneFile() {
  }

  /** @return true when the restored file's SHA-256 equals the original's (and the catalog's) */
  static boolean run(PrintStream out, BackupManager bms, Job job, Execution run, Path source, Path into)
      throws IOException {
    out.println();
    out.println("Restore");
    out.println("-------");
    // the catalog: the files bms recorded for this restore point; pick the largest
    ManifestEntry file = bms.restores().files(run.id(), "", PageRequest.first(500)).items().stream()
        .map(e -> e.file()).max(java.util.Comparator.comparingLong(ManifestEntry::size)).orElse(null);
    if (file == null) {
      out.println("The restore point holds no file to restore.");
      return false;
    }
    RestoreExecution done = bms.restores().restore(RestoreRequest.from(RestorePointRef.execution(run.id()))
        .paths(file.path())
        .into(into)
        .onConflict(ConflictPolicy.OVERWRITE) // a second quickstart run replaces the file restored by the first
        .requestedBy("quickstart")
        .build());
    Path restored = into.resolve(file.path());
    String original = sha256(source.resolve(file.path()));
    String landed = sha256(restored);
    out.printf("Restored   %s (%,d bytes) from copy %s, %s%n", file.path(), file.size(),
        done.copies().isEmpty() ? "-" : done.copies().get(0).copyName(), done.status());
    out.printf("  into     %s%n", restored);
    out.printf("  original sha256 %s%n", original);
    out.printf("  restored sha256 %s%n", landed);
    out.printf("  catalog  sha256 %s%n", file.sha256());
    boolean match = original.equals(landed) && landed.equals(file.sha256());
    out.println(match ? "  The hashes match: the file came back exactly as it was backed up."
        : "  The hashes DIFFER (the source changed since the backup, or a copy is damaged).");
    out.println("  bms checked that hash itself before giving the file its final name (docs/restore.md).");
    return match;
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
