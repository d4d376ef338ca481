package dev.bms.core.internal.restore;

import dev.bms.api.model.ManifestEntry;
import dev.bms.api.restore.RestoreProblem;
import dev.bms.api.restore.RestoreProblem.Kind;
import dev.bms.spi.RestoreSink;
import dev.bms.spi.RestoreSink.PendingFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Restores one file: reads it from the first copy, hashing while writing to the sink's pending
 * file; commits only when size and SHA-256 match the manifest, otherwise discards and tries the next
 * copy. Problems of copies that a later copy made good are recorded as recovered.
 */
final class FileRestorer {
  private static final int BUFFER = 256 * 1024;

  private final byte[] buffer = new byte[BUFFER];
  private final MessageDigest md = sha256();

  /** Restores {@code entry} as {@code landsAs}; true when it landed. */
  boolean restore(ManifestEntry entry, String landsAs, boolean replace, List<CopyCandidate> copies, RestoreSink sink,
                  RestoreRun run) {
    List<RestoreProblem> tried = new ArrayList<>();
    for (CopyCandidate copy : copies) {
      run.checkStop();
      long started = System.nanoTime();
      PendingFile pending;
      try {
        pending = sink.open(entry, landsAs);
      } catch (DestinationSymlinkException link) {
        return failed(run, tried, entry, Kind.SYMLINK, link.getMessage());
      } catch (IOException | RuntimeException e) {
        return failed(run, tried, entry, Kind.WRITE_FAILED, "cannot write '" + landsAs + "': " + describe(e));
      }
      Attempt attempt;
      try {
        attempt = copy(entry, copy, pending, run);
      } catch (RestoreStopped stopped) {
        pending.discard();
        throw stopped;
      } catch (WriteFailed e) {
        pending.discard();
        return failed(run, tried, entry, Kind.WRITE_FAILED, "cannot write '" + landsAs + "': " + describe(e.getCause()));
      }
      if (attempt.problem().isPresent()) {
        pending.discard();
        tried.add(new RestoreProblem(entry.path(), Optional.of(copy.copyName()), attempt.problem().get(),
            attempt.detail(), false));
        continue;
      }
      try {
        pending.commit(replace);
      } catch (FileAlreadyExistsException taken) {
        return failed(run, tried, entry, Kind.CONFLICT, "'" + landsAs + "' appeared at the destination during the restore");
      } catch (IOException | RuntimeException e) {
        return failed(run, tried, entry, Kind.WRITE_FAILED, "cannot write '" + landsAs + "': " + describe(e));
      }
      for (RestoreProblem p : tried) {
        run.problems.add(new RestoreProblem(p.path(), p.copyName(), p.kind(),
            p.detail() + "; restored from copy '" + copy.copyName() + "' instead", true));
      }
      run.landed(copy, entry.size(), System.nanoTime() - started);
      return true;
    }
    StringBuilder why = new StringBuilder("no copy holds a good version");
    for (RestoreProblem p : tried) {
      why.append("; ").append(p.copyName().orElse("?")).append(": ").append(p.detail());
    }
    run.problems.addAll(tried);
    run.problems.add(new RestoreProblem(entry.path(), Optional.empty(), Kind.NO_GOOD_COPY, why.toString(), false));
    run.filesFailed++;
    return false;
  }

  private Attempt copy(ManifestEntry entry, CopyCandidate copy, PendingFile pending, RestoreRun run) {
    md.reset();
    long size = 0;
    OutputStream out;
    try {
      out = pending.content();
    } catch (IOException e) {
      throw new WriteFailed(e);
    }
    try (InputStream in = copy.target().openRead(copy.location(), entry.path())) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        run.checkStop();
        size += n;
        if (size > entry.size()) {
          return new Attempt(Optional.of(Kind.SIZE_MISMATCH), "copy holds more than the " + entry.size()
              + " bytes the manifest records");
        }
        md.update(buffer, 0, n);
        try {
          out.write(buffer, 0, n);
        } catch (IOException e) {
          throw new WriteFailed(e);
        }
      }
      try {
        out.flush();
      } catch (IOException e) {
        throw new WriteFailed(e);
      }
    } catch (NoSuchFileException missing) {
      return new Attempt(Optional.of(Kind.MISSING), "not found in the copy");
    } catch (IOException | RuntimeException e) {
      if (e instanceof RestoreStopped || e instanceof WriteFailed) {
        throw (RuntimeException) e;
      }
      return new Attempt(Optional.of(Kind.UNREADABLE), "unreadable: " + describe(e));
    }
    if (size != entry.size()) {
      return new Attempt(Optional.of(Kind.SIZE_MISMATCH), "copy holds " + size + " bytes, the manifest records " + entry.size());
    }
    String actual = HexFormat.of().formatHex(md.digest());
    if (!actual.equals(entry.sha256())) {
      return new Attempt(Optional.of(Kind.CHECKSUM_MISMATCH), "sha256 " + actual + " differs from the manifest's " + entry.sha256());
    }
    return new Attempt(Optional.empty(), "");
  }

  private static boolean failed(RestoreRun run, List<RestoreProblem> tried, ManifestEntry entry, Kind kind, String detail) {
    run.problems.addAll(tried);
    run.problems.add(new RestoreProblem(entry.path(), Optional.empty(), kind, detail, false));
    run.filesFailed++;
    return false;
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private record Attempt(Optional<Kind> problem, String detail) {
  }

  /** Writing to the destination failed: not the copy's fault, so no other copy is tried. */
  private static final class WriteFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WriteFailed(IOException cause) {
      super(cause);
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
