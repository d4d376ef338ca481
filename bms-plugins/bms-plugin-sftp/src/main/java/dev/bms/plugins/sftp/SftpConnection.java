package dev.bms.plugins.sftp;

import java.io.IOException;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;

/** One logged-in SSH session with its SFTP channel; used by one operation at a time (see {@link ConnectionPool}). */
final class SftpConnection implements AutoCloseable {
  private final ClientSession session;
  private final SftpClient sftp;

  SftpConnection(ClientSession session, SftpClient sftp) {
    this.session = session;
    this.sftp = sftp;
  }

  SftpClient sftp() {
    return sftp;
  }

  boolean isOpen() {
    return session.isOpen() && sftp.isOpen() && !sftp.isClosing();
  }

  /** Closes at once, failing whatever is in flight on it (used to unblock a stalled write on abort). */
  @Override
  public void close() {
    try {
      sftp.close();
    } catch (IOException | RuntimeException ignored) {
      // the session is closed below anyway
    }
    session.close(true);
  }
}
