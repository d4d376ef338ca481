package dev.bms.plugins.sftp;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.DirEntry;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** Small remote file operations on one SFTP channel, with SFTP status codes mapped to java.nio exceptions. */
final class RemoteFiles {
  private RemoteFiles() {
  }

  /** The attributes of {@code path} without following a link; empty when it does not exist. */
  static Optional<Attributes> lstat(SftpClient sftp, String path) throws IOException {
    try {
      return Optional.of(sftp.lstat(path));
    } catch (SftpException e) {
      if (isMissing(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Creates {@code dir} unless it exists as a directory; its parent must exist. */
  static void mkdirIfMissing(SftpClient sftp, String dir) throws IOException {
    Optional<Attributes> a = lstat(sftp, dir);
    if (a.isPresent()) {
      if (!a.get().isDirectory()) {
        throw new FileAlreadyExistsException(dir, null, "exists and is not a directory");
      }
      return;
    }
    try {
      sftp.mkdir(dir);
    } catch (SftpException e) {
      // another writer may have created it in between
      if (lstat(sftp, dir).filter(Attributes::isDirectory).isEmpty()) {
        throw e;
      }
    }
  }

  /** Every entry of {@code dir} but {@code .} and {@code ..}. */
  static List<DirEntry> entries(SftpClient sftp, String dir) throws IOException {
    List<DirEntry> out = new ArrayList<>();
    try {
      for (DirEntry e : sftp.readDir(dir)) {
        if (!e.getFilename().equals(".") && !e.getFilename().equals("..")) {
          out.add(e);
        }
      }
    } catch (SftpException e) {
      throw translate(e, dir);
    }
    return out;
  }

  /** Removes {@code path} and everything below it; links are removed, never followed. Missing is fine. */
  static void removeTree(SftpClient sftp, String path) throws IOException {
    Optional<Attributes> a = lstat(sftp, path);
    if (a.isEmpty()) {
      return;
    }
    if (a.get().isDirectory()) {
      for (DirEntry e : entries(sftp, path)) {
        String child = RemotePaths.child(path, e.getFilename());
        if (e.getAttributes().isDirectory() && !e.getAttributes().isSymbolicLink()) {
          removeTree(sftp, child);
        } else {
          sftp.remove(child);
        }
      }
      sftp.rmdir(path);
    } else {
      sftp.remove(path);
    }
  }

  /** The non-directory files below {@code dir}, as {@code /}-separated paths relative to it. */
  static void walkFiles(SftpClient sftp, String dir, String prefix, List<String> out) throws IOException {
    for (DirEntry e : entries(sftp, dir)) {
      String name = prefix + e.getFilename();
      if (e.getAttributes().isDirectory() && !e.getAttributes().isSymbolicLink()) {
        walkFiles(sftp, RemotePaths.child(dir, e.getFilename()), name + "/", out);
      } else {
        out.add(name);
      }
    }
  }

  static boolean isMissing(SftpException e) {
    return e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH;
  }

  /** A missing file as {@link NoSuchFileException}; anything else unchanged. */
  static IOException translate(SftpException e, String path) {
    if (isMissing(e)) {
      NoSuchFileException missing = new NoSuchFileException(path);
      missing.initCause(e);
      return missing;
    }
    return e;
  }
}
