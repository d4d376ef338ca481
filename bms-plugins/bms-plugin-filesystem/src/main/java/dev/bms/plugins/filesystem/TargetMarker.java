package dev.bms.plugins.filesystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * The {@code .bms-target} file that tells a target's medium apart from an empty mount point. It is
 * written once, when the target is initialised ({@code initialize=true}, or by hand), and required
 * before every write afterwards: with the share unmounted, the mount point directory is present but
 * holds no marker, and the write fails instead of silently filling the local disk.
 */
final class TargetMarker {
  static final String NAME = ".bms-target";

  private TargetMarker() {
  }

  /**
   * Checks that {@code root} carries the marker, writing it first when {@code initialize} is set.
   *
   * @throws TargetNotInitializedException when the marker is missing and {@code initialize} is not set
   */
  static void require(Path root, boolean initialize, Clock clock) throws IOException {
    Path marker = root.resolve(NAME);
    if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!initialize) {
      throw new TargetNotInitializedException(root);
    }
    try {
      Files.writeString(marker, "bms filesystem target, initialised " + clock.instant() + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      Durability.syncDirectory(root);
    } catch (FileAlreadyExistsException raced) {
      // another writer initialised it at the same moment
    }
  }

  /** The target's root has no marker: not mounted, or a new target nobody initialised. */
  static final class TargetNotInitializedException extends IOException {
    private static final long serialVersionUID = 1L;

    TargetNotInitializedException(Path root) {
      super("filesystem target root '" + root + "' has no " + NAME + " marker: the medium is not mounted, or this"
          + " is a new target; initialise a new target once with the key initialize=true (or create the empty file "
          + root.resolve(NAME) + ")");
    }
  }
}
