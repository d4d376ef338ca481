package dev.bms.core.internal.restore;

import java.io.IOException;

/** A directory on the way to a restored file is a symbolic link; bms does not follow it. */
final class DestinationSymlinkException extends IOException {
  private static final long serialVersionUID = 1L;

  DestinationSymlinkException(String path, String link) {
    super("'" + link + "' on the way to '" + path + "' is a symbolic link in the destination; not followed");
  }
}
