package dev.bms.plugins.sftp;

import dev.bms.spi.BackupTarget;
import dev.bms.spi.TargetCapabilities;
import dev.bms.spi.TargetCapacity;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.DirEntry;
import org.apache.sshd.sftp.client.extensions.SpaceAvailableExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatExtensionInfo;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatPathExtension;
import org.apache.sshd.sftp.common.SftpException;
import org.apache.sshd.sftp.common.extensions.SpaceAvailableExtensionInfo;

/**
 * The {@code "sftp"} target: copies as directories on an SFTP server (layout in {@link RemotePaths}),
 * written under a {@code .partial} name and renamed into place on commit. Restart-safe: opening a
 * write first removes what a killed run left in the job's directory (partial copies of the same
 * execution, partial copies of others older than {@code staleAfter}, interrupted deletions).
 * Thread-safe: every operation borrows its own connection from a bounded {@link ConnectionPool}.
 * Applies no retention locks (SFTP has none to read back).
 */
final class SftpTarget implements BackupTarget {
  private static final System.Logger LOG = System.getLogger(SftpTarget.class.getName());

  private final SftpSettings settings;
  private final RemotePaths layout;
  private final ConnectionPool pool;
  private final Clock clock;
  private final TargetCapabilities capabilities;

  SftpTarget(SftpSettings settings, Clock clock) {
    this.settings = settings;
    this.layout = new RemotePaths(settings.root());
    this.pool = new ConnectionPool(settings);
    this.clock = clock;
    this.capabilities = new TargetCapabilities(settings.mediaType(), settings.failureDomain(), settings.offsite(),
        false, false);
  }

  @Override
  public TargetCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public WriteSession openWrite(WriteRequest request) throws IOException {
    String jobDir = layout.jobDir(request.jobName());
    String finalDir = layout.copyDir(request.jobName(), request.executionId());
    String partialDir = jobDir + "/" + request.executionId() + "." + uniqueSuffix() + RemotePaths.PARTIAL_SUFFIX;
    try (Lease lease = lease()) {
      var sftp = lease.connection().sftp();
      if (RemoteFiles.lstat(sftp, settings.root()).filter(Attributes::isDirectory).isEmpty()) {
        throw new NoSuchFileException(settings.root(), null, "target root is missing on " + settings.address());
      }
      RemoteFiles.mkdirIfMissing(sftp, jobDir);
      if (RemoteFiles.lstat(sftp, finalDir).isPresent()) {
        throw new FileAlreadyExistsException(finalDir, null, "a copy of this execution already exists");
      }
      removeLeftovers(sftp, jobDir, request.executionId().toString());
      sftp.mkdir(partialDir);
      sftp.mkdir(partialDir + "/" + RemotePaths.DATA);
      lease.ok();
    }
    return new SftpWriteSession(this, partialDir, finalDir);
  }

  /**
   * Removes what killed runs left: partial copies of this execution (an execution runs once at a
   * time, so an earlier attempt is dead), other partial copies older than {@code staleAfter}, and
   * interrupted deletions. A failure here only delays the cleanup to the next write.
   */
  private void removeLeftovers(org.apache.sshd.sftp.client.SftpClient sftp, String jobDir, String executionId) {
    Instant staleBefore = clock.instant().minus(settings.staleAfter());
    try {
      for (DirEntry e : RemoteFiles.entries(sftp, jobDir)) {
        String name = e.getFilename();
        boolean partial = name.endsWith(RemotePaths.PARTIAL_SUFFIX);
        boolean leftover = name.endsWith(RemotePaths.DELETING_SUFFIX)
            || (partial && name.startsWith(executionId + "."))
            || (partial && e.getAttributes().getModifyTime() != null
                && e.getAttributes().getModifyTime().toInstant().isBefore(staleBefore));
        if (leftover) {
          LOG.log(Level.INFO, "removing leftover of an interrupted run: {0}:{1}/{2}", settings.address(), jobDir, name);
          RemoteFiles.removeTree(sftp, RemotePaths.child(jobDir, name));
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not clean leftovers in " + settings.address() + ":" + jobDir + "; retried next write", e);
    }
  }

  @Override
  public InputStream openRead(String location, String path) throws IOException {
    String file = RemotePaths.dataFile(layout.copyDir(location), path);
    Lease lease = lease();
    try {
      var sftp = lease.connection().sftp();
      Attributes a = RemoteFiles.lstat(sftp, file).orElseThrow(() -> new NoSuchFileException(path));
      if (!a.isRegularFile()) {
        throw new NoSuchFileException(path, null, "not a regular file in the copy");
      }
      InputStream in = sftp.read(file);
      lease.ok();
      return new LeasedInputStream(in, lease);
    } catch (NoSuchFileException missing) {
      lease.ok(); // a missing file does not break the connection
      lease.close();
      throw missing;
    } catch (SftpException e) {
      lease.close();
      throw RemoteFiles.translate(e, path);
    } catch (IOException | RuntimeException | Error e) {
      lease.close();
      throw e;
    }
  }

  @Override
  public List<String> list(String location) throws IOException {
    String copy = layout.copyDir(location);
    try (Lease lease = lease()) {
      var sftp = lease.connection().sftp();
      List<String> files = new ArrayList<>();
      String data = copy + "/" + RemotePaths.DATA;
      if (RemoteFiles.lstat(sftp, data).filter(Attributes::isDirectory).isPresent()) {
        RemoteFiles.walkFiles(sftp, data, "", files);
      }
      lease.ok();
      files.sort(null);
      return files;
    }
  }

  @Override
  public void delete(String location) throws IOException {
    String copy = layout.copyDir(location);
    try (Lease lease = lease()) {
      var sftp = lease.connection().sftp();
      if (RemoteFiles.lstat(sftp, copy).isEmpty()) {
        lease.ok();
        return; // already gone: deleting is idempotent
      }
      // rename first: an interrupted delete leaves a ".deleting" directory, never a half copy
      String doomed = copy + "." + uniqueSuffix() + RemotePaths.DELETING_SUFFIX;
      sftp.rename(copy, doomed);
      RemoteFiles.removeTree(sftp, doomed);
      lease.ok();
    }
  }

  /**
   * The room on the server's file system under the root, by the {@code statvfs@openssh.com}
   * extension (OpenSSH servers: blocks available to unprivileged users) or else the
   * {@code space-available} extension (draft-ietf-secsh-filexfer; Apache MINA SSHD servers). Empty
   * when the server offers neither or reports no size.
   */
  @Override
  public Optional<TargetCapacity> capacity() throws IOException {
    try (Lease lease = lease()) {
      SftpClient sftp = lease.connection().sftp();
      Optional<TargetCapacity> capacity = Optional.empty();
      OpenSSHStatPathExtension statvfs = sftp.getExtension(OpenSSHStatPathExtension.class);
      SpaceAvailableExtension space = sftp.getExtension(SpaceAvailableExtension.class);
      if (statvfs != null && statvfs.isSupported()) {
        OpenSSHStatExtensionInfo vfs = statvfs.stat(settings.root());
        long unit = vfs.f_frsize > 0 ? vfs.f_frsize : vfs.f_bsize;
        capacity = capacity(multiply(vfs.f_blocks, unit), multiply(vfs.f_bavail, unit));
      } else if (space != null && space.isSupported()) {
        SpaceAvailableExtensionInfo info = space.available(settings.root());
        boolean perUser = info.bytesAvailableToUser > 0;
        capacity = capacity(perUser ? info.bytesAvailableToUser : info.bytesOnDevice,
            perUser ? info.unusedBytesAvailableToUser : info.unusedBytesOnDevice);
      }
      lease.ok();
      return capacity;
    } catch (SftpException e) {
      throw RemoteFiles.translate(e, settings.root());
    }
  }

  private static Optional<TargetCapacity> capacity(long total, long free) {
    return total <= 0 ? Optional.empty() : Optional.of(new TargetCapacity(total, Math.max(0, Math.min(total, free))));
  }

  private static long multiply(long blocks, long unit) {
    try {
      return Math.multiplyExact(blocks, unit);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Removes a partial copy; used by aborting sessions. */
  void removePartial(String partialDir) throws IOException {
    try (Lease lease = lease()) {
      RemoteFiles.removeTree(lease.connection().sftp(), partialDir);
      lease.ok();
    }
  }

  /** A connection for one operation; closing returns it, as broken unless {@link Lease#ok()} was called. */
  Lease lease() throws IOException {
    return new Lease(pool, pool.borrow());
  }

  SftpSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "sftp target " + settings.username() + "@" + settings.address() + ":" + settings.root();
  }

  private static String uniqueSuffix() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  /** One borrowed connection; released exactly once. */
  static final class Lease implements AutoCloseable {
    private final ConnectionPool pool;
    private final SftpConnection connection;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean ok;

    Lease(ConnectionPool pool, SftpConnection connection) {
      this.pool = pool;
      this.connection = connection;
    }

    SftpConnection connection() {
      return connection;
    }

    /** The operation finished cleanly; the connection may be reused. */
    void ok() {
      ok = true;
    }

    /** Closes the connection at once (failing what is in flight on it) and releases it. */
    void kill() {
      if (released.compareAndSet(false, true)) {
        connection.close();
        pool.release(connection, true);
      }
    }

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        pool.release(connection, !ok);
      }
    }
  }

  /** Releases the connection when the caller closes the stream. */
  private static final class LeasedInputStream extends FilterInputStream {
    private final Lease lease;

    LeasedInputStream(InputStream in, Lease lease) {
      super(in);
      this.lease = lease;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        lease.kill();
        throw e;
      }
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        lease.kill();
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        lease.close();
      }
    }
  }
}
