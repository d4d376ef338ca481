package dev.bms.plugins.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * At most {@code maxConnections} logged-in SFTP connections to one server. {@link #borrow} hands
 * out an idle connection that is still open or makes a new one, waiting at most the operation
 * timeout for a free slot; {@link #release} returns it, or drops it when the operation broke it.
 * The SSH client (and its I/O threads) starts with the first connection, not when the target is
 * created, so validating a job opens nothing.
 */
final class ConnectionPool implements AutoCloseable {
  private final SftpSettings settings;
  private final Semaphore slots;
  private final Deque<SftpConnection> idle = new ArrayDeque<>();
  private SshClient client;
  private volatile HostKeyVerifier verifier;
  private List<KeyPair> keys;
  private boolean closed;

  ConnectionPool(SftpSettings settings) {
    this.settings = settings;
    this.slots = new Semaphore(settings.maxConnections(), true);
  }

  /**
   * A connection for one operation; give it back with {@link #release}.
   *
   * @throws SocketTimeoutException when every connection stayed busy for the operation timeout
   * @throws HostKeyRejectedException when the server's host key is not the configured one
   * @throws SftpLoginException when connecting or logging in failed
   */
  SftpConnection borrow() throws IOException {
    try {
      if (!slots.tryAcquire(settings.operationTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new SocketTimeoutException("all " + settings.maxConnections() + " SFTP connections to "
            + settings.address() + " stayed busy for " + settings.operationTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted waiting for an SFTP connection to " + settings.address());
    }
    try {
      SftpConnection c = pollOpen();
      return c != null ? c : connect();
    } catch (IOException | RuntimeException | Error e) {
      slots.release();
      throw e;
    }
  }

  /** Returns a borrowed connection; a broken one (or any after {@link #close}) is closed instead. */
  void release(SftpConnection connection, boolean broken) {
    boolean keep;
    synchronized (this) {
      keep = !broken && !closed && connection.isOpen();
      if (keep) {
        idle.push(connection);
      }
    }
    if (!keep) {
      connection.close();
    }
    slots.release();
  }

  private synchronized SftpConnection pollOpen() {
    for (SftpConnection c; (c = idle.poll()) != null; ) {
      if (c.isOpen()) {
        return c;
      }
      c.close();
    }
    return null;
  }

  private SftpConnection connect() throws IOException {
    SshClient ssh = client();
    Duration timeout = settings.connectTimeout();
    ClientSession session;
    try {
      ConnectFuture future = ssh.connect(settings.username(), settings.host(), settings.port());
      session = future.verify(timeout).getSession();
    } catch (IOException e) {
      throw new SftpLoginException("could not connect to SFTP server " + settings.address() + " within "
          + timeout + ": " + e.getMessage(), e);
    }
    try {
      settings.password().ifPresent(p -> session.addPasswordIdentity(p.reveal()));
      for (KeyPair key : keys()) {
        session.addPublicKeyIdentity(key);
      }
      session.auth().verify(timeout);
      SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
      return new SftpConnection(session, sftp);
    } catch (IOException | RuntimeException e) {
      String refusal = verifier.refusal(session);
      session.close(true);
      if (refusal != null) {
        throw new HostKeyRejectedException(refusal);
      }
      throw new SftpLoginException("could not log in to SFTP server " + settings.address() + " as '"
          + settings.username() + "' with " + (settings.privateKey().isPresent() ? "key " + settings.privateKey().get()
          : "a password") + ": " + e.getMessage(), e);
    }
  }

  private synchronized SshClient client() throws IOException {
    if (closed) {
      throw new IOException("SFTP target for " + settings.address() + " is closed");
    }
    if (client == null) {
      SshClient c = SshClient.setUpDefaultClient();
      verifier = new HostKeyVerifier(settings.hostKeys(), settings.host(), settings.port());
      c.setServerKeyVerifier(verifier);
      // a stalled server fails the operation waiting on it instead of blocking a copy for ever
      CoreModuleProperties.IDLE_TIMEOUT.set(c, settings.operationTimeout());
      CoreModuleProperties.WINDOW_TIMEOUT.set(c, settings.operationTimeout());
      CoreModuleProperties.NIO2_READ_TIMEOUT.set(c, settings.operationTimeout().plusSeconds(15));
      CoreModuleProperties.AUTH_TIMEOUT.set(c, settings.connectTimeout());
      CoreModuleProperties.IO_CONNECT_TIMEOUT.set(c, settings.connectTimeout());
      c.start();
      client = c;
    }
    return client;
  }

  private synchronized List<KeyPair> keys() throws IOException {
    if (keys == null) {
      if (settings.privateKey().isEmpty()) {
        keys = List.of();
      } else {
        var file = settings.privateKey().get();
        FilePasswordProvider passphrase = settings.privateKeyPassphrase()
            .map(p -> FilePasswordProvider.of(p.reveal())).orElse(FilePasswordProvider.EMPTY);
        try (InputStream in = Files.newInputStream(file)) {
          var loaded = new java.util.ArrayList<KeyPair>();
          SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, passphrase)
              .forEach(loaded::add);
          if (loaded.isEmpty()) {
            throw new IOException("private key file " + file + " holds no key");
          }
          keys = List.copyOf(loaded);
        } catch (GeneralSecurityException e) {
          throw new IOException("private key file " + file + " could not be read (wrong passphrase?): "
              + e.getClass().getSimpleName(), e);
        }
      }
    }
    return keys;
  }

  /** Closes every idle connection and the SSH client; borrowed ones close when released. */
  @Override
  public void close() {
    SshClient c;
    synchronized (this) {
      closed = true;
      for (SftpConnection conn : idle) {
        conn.close();
      }
      idle.clear();
      c = client;
      client = null;
    }
    if (c != null) {
      c.stop();
    }
  }
}
