package dev.bms.plugins.sftp;

import java.io.IOException;

/** The SFTP server's host key is not the one configured (unknown, changed or revoked); nothing was sent. */
final class HostKeyRejectedException extends IOException {
  private static final long serialVersionUID = 1L;

  HostKeyRejectedException(String message) {
    super(message);
  }
}
