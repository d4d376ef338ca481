package dev.bms.plugins.sftp;

import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.WriteSession;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;

/**
 * Writes one copy into {@code <executionId>.<n>.partial/} on the server and renames it to
 * {@code <executionId>/} on commit, so the copy's location names something only once it is
 * complete with its manifest. Each open entry holds one pooled connection until it is closed.
 * {@link #abort} may come from another thread while a write is blocked: it closes the connections
 * of open entries, which fails the blocked write at once, then removes the partial copy (if the
 * server is gone, the next write of the job removes it; see {@link SftpTarget}).
 */
final class SftpWriteSession implements WriteSession {
  private static final System.Logger LOG = System.getLogger(SftpWriteSession.class.getName());

  private final SftpTarget target;
  private final String partialDir;
  private final String finalDir;
  private final Map<String, Long> written = new HashMap<>();
  private final Set<String> directories = new HashSet<>();
  private final Set<EntryStream> open = new HashSet<>();
  private boolean finished;

  SftpWriteSession(SftpTarget target, String partialDir, String finalDir) {
    this.target = target;
    this.partialDir = partialDir;
    this.finalDir = finalDir;
    directories.add(partialDir + "/" + RemotePaths.DATA);
  }

  @Override
  public OutputStream openEntry(String path, long size) throws IOException {
    String file = RemotePaths.dataFile(partialDir, path); // refuses escaping paths before any I/O
    synchronized (this) {
      requireActive();
      if (written.containsKey(path)) {
        throw new FileAlreadyExistsException(path, null, "entry written twice");
      }
    }
    SftpTarget.Lease lease = target.lease();
    try {
      SftpClient sftp = lease.connection().sftp();
      createParents(sftp, RemotePaths.parent(file));
      OutputStream out = sftp.write(file, OpenMode.Write, OpenMode.Create, OpenMode.Exclusive);
      EntryStream entry = new EntryStream(out, lease, path);
      synchronized (this) {
        if (finished) {
          lease.kill();
          requireActive();
        }
        open.add(entry);
        written.put(path, 0L);
      }
      return entry;
    } catch (IOException | RuntimeException | Error e) {
      lease.kill();
      throw e;
    }
  }

  private void createParents(SftpClient sftp, String dir) throws IOException {
    synchronized (this) {
      if (directories.contains(dir)) {
        return;
      }
    }
    createParents(sftp, RemotePaths.parent(dir));
    RemoteFiles.mkdirIfMissing(sftp, dir);
    synchronized (this) {
      directories.add(dir);
    }
  }

  @Override
  public StoredCopy commit(Manifest manifest) throws IOException {
    synchronized (this) {
      requireActive();
      requireMatches(manifest);
    }
    boolean renamed = false;
    try (SftpTarget.Lease lease = target.lease()) {
      SftpClient sftp = lease.connection().sftp();
      try (OutputStream out = sftp.write(partialDir + "/" + RemotePaths.MANIFEST, OpenMode.Write, OpenMode.Create,
          OpenMode.Exclusive)) {
        out.write(manifest.toText().getBytes(StandardCharsets.UTF_8));
      }
      if (RemoteFiles.lstat(sftp, finalDir).isPresent()) {
        throw new FileAlreadyExistsException(finalDir, null, "a copy of this execution already exists");
      }
      synchronized (this) {
        requireActive(); // an abort that came meanwhile wins
        sftp.rename(partialDir, finalDir);
        finished = true;
        renamed = true;
      }
      lease.ok();
      return new StoredCopy(finalDir, Optional.empty());
    } finally {
      if (!renamed) {
        abort();
      }
    }
  }

  @Override
  public void abort() {
    List<EntryStream> streams;
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      streams = new ArrayList<>(open);
      open.clear();
    }
    for (EntryStream s : streams) {
      s.lease.kill(); // fails a write blocked on this connection
    }
    try {
      target.removePartial(partialDir);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not remove aborted copy " + target.settings().address() + ":" + partialDir
          + "; the next write of this job removes it", e);
    }
  }

  private void requireMatches(Manifest manifest) {
    if (!open.isEmpty()) {
      throw new IllegalStateException(open.size() + " entry stream(s) of " + partialDir + " still open at commit");
    }
    List<String> problems = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (ManifestEntry e : manifest.entries()) {
      listed.add(e.path());
      Long size = written.get(e.path());
      if (size == null) {
        problems.add("'" + e.path() + "' is in the manifest but was not written");
      } else if (size != e.size()) {
        problems.add("'" + e.path() + "' has " + size + " bytes, the manifest says " + e.size());
      }
    }
    for (String path : written.keySet()) {
      if (!listed.contains(path)) {
        problems.add("'" + path + "' was written but is not in the manifest");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("manifest does not match the copy written to " + partialDir + ": "
          + String.join("; ", problems));
    }
  }

  private void requireActive() {
    if (finished) {
      throw new IllegalStateException("write session of " + finalDir + " is already committed or aborted");
    }
  }

  private synchronized void closed(EntryStream stream, long bytes) {
    open.remove(stream);
    written.put(stream.path, bytes);
  }

  /** One remote file being written; counts its bytes and returns its connection on close. */
  private final class EntryStream extends OutputStream {
    private final OutputStream out;
    private final SftpTarget.Lease lease;
    private final String path;
    private long bytes;
    private boolean closed;

    EntryStream(OutputStream out, SftpTarget.Lease lease, String path) {
      this.out = out;
      this.lease = lease;
      this.path = path;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("entry " + path + " is closed");
      }
      try {
        out.write(b, off, len);
        bytes += len;
      } catch (IOException | RuntimeException e) {
        lease.kill();
        throw e;
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException | RuntimeException e) {
        lease.kill();
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        out.close(); // waits for the server to acknowledge every write
        lease.ok();
      } catch (IOException | RuntimeException e) {
        lease.kill();
        throw e;
      } finally {
        lease.close();
      }
      closed(this, bytes);
    }
  }
}
