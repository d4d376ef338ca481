package dev.bms.plugins.sftp;

import java.io.IOException;

/** The SFTP server refused the configured credentials, or the connection failed before login. */
final class SftpLoginException extends IOException {
  private static final long serialVersionUID = 1L;

  SftpLoginException(String message, Throwable cause) {
    super(message, cause);
  }
}
