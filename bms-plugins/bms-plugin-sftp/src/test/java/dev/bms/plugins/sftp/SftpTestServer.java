package dev.bms.plugins.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.nio.file.FileStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatExtensionInfo;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.extensions.openssh.AbstractOpenSSHExtensionParser.OpenSSHExtension;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemConfigurator;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SSH server with the SFTP subsystem, in-process on a free port of 127.0.0.1, serving
 * {@code root} as {@code /}. User {@value #USER} logs in with {@link #PASSWORD} or with the
 * public key given to {@link #start}.
 */
final class SftpTestServer implements AutoCloseable {
  static final String USER = "bms";
  static final String PASSWORD = "s3cr3t-sftp-pässword";

  private final SshServer server;
  private final Path root;
  private final KeyPair hostKey;

  private SftpTestServer(SshServer server, Path root, KeyPair hostKey) {
    this.server = server;
    this.root = root;
    this.hostKey = hostKey;
  }

  /** Starts a server whose host key is kept in {@code hostKeyFile} (created if missing, so a restart keeps it). */
  static SftpTestServer start(Path root, Path hostKeyFile, int port, PublicKey authorizedKey) throws IOException {
    return start(root, hostKeyFile, port, authorizedKey, false);
  }

  /**
   * A server that also answers {@code statvfs@openssh.com} (as OpenSSH servers do; MINA SSHD itself
   * answers only {@code space-available}) from the file store of the served directory.
   */
  static SftpTestServer startWithStatvfs(Path root, Path hostKeyFile) throws IOException {
    return start(root, hostKeyFile, 0, null, true);
  }

  private static SftpTestServer start(Path root, Path hostKeyFile, int port, PublicKey authorizedKey, boolean statvfs)
      throws IOException {
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(port);
    SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
    keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
    sshd.setKeyPairProvider(keys);
    sshd.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    sshd.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && authorizedKey != null
        && KeyUtils.compareKeys(key, authorizedKey));
    sshd.setKeyboardInteractiveAuthenticator(null);
    sshd.setSubsystemFactories(List.of(statvfs ? new StatvfsSubsystemFactory() : new SftpSubsystemFactory()));
    sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
    sshd.start();
    KeyPair hostKey = keys.loadKeys(null).iterator().next();
    return new SftpTestServer(sshd, root, hostKey);
  }

  static SftpTestServer start(Path root, Path hostKeyFile) throws IOException {
    return start(root, hostKeyFile, 0, null);
  }

  int port() {
    return server.getPort();
  }

  Path root() {
    return root;
  }

  /** The local file behind a remote path. */
  Path local(String remotePath) {
    return root.resolve(remotePath.substring(1));
  }

  /** {@code SHA256:...} of the host key. */
  String fingerprint() {
    return KeyUtils.getFingerPrint(hostKey.getPublic());
  }

  /** A known_hosts line for this server. */
  String knownHostsLine() {
    return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
  }

  /** The config of a target writing below {@code remoteRoot} (created), with password login and the pinned key. */
  Map<String, String> config(String remoteRoot, Path passwordFile) throws IOException {
    Files.createDirectories(local(remoteRoot));
    Files.writeString(passwordFile, PASSWORD + "\n");
    Map<String, String> config = new HashMap<>();
    config.put("host", "127.0.0.1");
    config.put("port", String.valueOf(port()));
    config.put("username", USER);
    config.put("password", "secret:file:" + passwordFile.toAbsolutePath());
    config.put("hostKeyFingerprint", fingerprint());
    config.put("root", remoteRoot);
    config.put("connectTimeout", "5s");
    config.put("operationTimeout", "5s");
    return config;
  }

  /** Stops at once, closing every session. */
  @Override
  public void close() throws IOException {
    server.stop(true);
  }


  /** Block size the statvfs answer counts in. */
  static final long STATVFS_BLOCK = 4096;

  private static final class StatvfsSubsystemFactory extends SftpSubsystemFactory {
    @Override
    public Command createSubsystem(ChannelSession channel) {
      SftpSubsystem subsystem = new StatvfsSubsystem(channel, this);
      getRegisteredListeners().forEach(subsystem::addSftpEventListener);
      return subsystem;
    }
  }

  private static final class StatvfsSubsystem extends SftpSubsystem {
    private static final String STATVFS = "statvfs@openssh.com";

    StatvfsSubsystem(ChannelSession channel, SftpSubsystemConfigurator configurator) {
      super(channel, configurator);
    }

    @Override
    protected List<OpenSSHExtension> resolveOpenSSHExtensions(ServerSession session) {
      List<OpenSSHExtension> all = new ArrayList<>(super.resolveOpenSSHExtensions(session));
      all.add(new OpenSSHExtension(STATVFS, "2"));
      return all;
    }

    @Override
    protected void executeExtendedCommand(Buffer buffer, int id, String extension) throws IOException {
      if (!STATVFS.equals(extension)) {
        super.executeExtendedCommand(buffer, id, extension);
        return;
      }
      FileStore store = Files.getFileStore(resolveFile(buffer.getString()));
      OpenSSHStatExtensionInfo info = new OpenSSHStatExtensionInfo();
      info.f_bsize = STATVFS_BLOCK;
      info.f_frsize = STATVFS_BLOCK;
      info.f_blocks = store.getTotalSpace() / STATVFS_BLOCK;
      info.f_bfree = store.getUnallocatedSpace() / STATVFS_BLOCK;
      info.f_bavail = store.getUsableSpace() / STATVFS_BLOCK;
      info.f_namemax = 255;
      Buffer reply = prepareReply(buffer);
      reply.putByte((byte) SftpConstants.SSH_FXP_EXTENDED_REPLY);
      reply.putInt(id);
      OpenSSHStatExtensionInfo.encode(reply, info);
      send(reply);
    }
  }
}
