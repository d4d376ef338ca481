package dev.bms.plugins.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.InvalidConfigException;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the kit does not cover: host keys, credentials, a server that goes away, leftovers, the pool's bound. */
class SftpTargetTest {
  @TempDir
  Path dir;

  private SftpTestServer server;
  private final List<BackupTarget> targets = new java.util.ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = SftpTestServer.start(Files.createDirectories(dir.resolve("root")), dir.resolve("host.key"));
  }

  @AfterEach
  void stop() throws IOException {
    targets.forEach(BackupTarget::close);
    server.close();
  }

  @Test
  void aPinnedFingerprintThatDoesNotMatchIsRefusedWithTheReason() throws IOException {
    Map<String, String> config = config();
    String other = "SHA256:" + "A".repeat(43);
    config.put("hostKeyFingerprint", other);
    BackupTarget target = target(config);

    assertThatThrownBy(() -> target.openWrite(request()))
        .isInstanceOf(HostKeyRejectedException.class)
        .hasMessageContaining("is ecdsa-sha2-")
        .hasMessageContaining(server.fingerprint())
        .hasMessageContaining("not the pinned hostKeyFingerprint " + other);
    assertThat(filesBelow(server.root())).isEmpty();
  }

  @Test
  void aHostMissingFromKnownHostsIsRefused() throws IOException {
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:1 " + otherHostKeyLine() + "\n");
    Map<String, String> config = config();
    config.remove("hostKeyFingerprint");
    config.put("knownHosts", knownHosts.toString());

    assertThatThrownBy(() -> target(config).openWrite(request()))
        .isInstanceOf(HostKeyRejectedException.class)
        .hasMessageContaining("is unknown")
        .hasMessageContaining("[127.0.0.1]:" + server.port())
        .hasMessageContaining("ssh-keyscan");
  }

  @Test
  void aChangedHostKeyInKnownHostsIsRefused() throws IOException {
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"),
        "[127.0.0.1]:" + server.port() + " " + otherHostKeyLine() + "\n");
    Map<String, String> config = config();
    config.remove("hostKeyFingerprint");
    config.put("knownHosts", knownHosts.toString());

    assertThatThrownBy(() -> target(config).openWrite(request()))
        .isInstanceOf(HostKeyRejectedException.class)
        .hasMessageContaining("CHANGED")
        .hasMessageContaining(server.fingerprint());
  }

  @Test
  void theHostListedInKnownHostsIsAccepted() throws IOException {
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n");
    Map<String, String> config = config();
    config.remove("hostKeyFingerprint");
    config.put("knownHosts", knownHosts.toString());
    BackupTarget target = target(config);

    StoredCopy copy = write(target, request(), Map.of("a.txt", bytes("via known_hosts")));

    assertThat(read(target, copy.location(), "a.txt")).isEqualTo(bytes("via known_hosts"));
  }

  @Test
  void capacityIsTheServersFileStoreUnderTheRoot() throws IOException {
    BackupTarget target = target(config());
    java.nio.file.FileStore local = Files.getFileStore(server.root());

    dev.bms.spi.TargetCapacity capacity = target.capacity().orElseThrow();

    assertThat(capacity.totalBytes()).isEqualTo(local.getTotalSpace());
    // MINA SSHD answers space-available (it has no statvfs@openssh.com) with the file store's
    // unallocated bytes; other processes write to the same disk meanwhile: they agree within 1 %
    assertThat((double) capacity.freeBytes()).isCloseTo((double) Math.max(local.getUnallocatedSpace(),
        local.getUsableSpace()), org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(capacity.freeBytes()).isLessThanOrEqualTo(capacity.totalBytes());
  }

  @Test
  void capacityComesFromStatvfsWhereTheServerOffersIt() throws IOException {
    try (SftpTestServer openssh = SftpTestServer.startWithStatvfs(server.root(), dir.resolve("host2.key"))) {
      BackupTarget target = target(openssh.config("/capacity", dir.resolve("password2")));
      java.nio.file.FileStore local = Files.getFileStore(server.root());

      dev.bms.spi.TargetCapacity capacity = target.capacity().orElseThrow();

      // statvfs counts whole blocks, and it is f_bavail (what an unprivileged user may still write)
      assertThat(capacity.totalBytes()).isEqualTo(local.getTotalSpace() / SftpTestServer.STATVFS_BLOCK
          * SftpTestServer.STATVFS_BLOCK);
      assertThat((double) capacity.freeBytes())
          .isCloseTo((double) local.getUsableSpace(), org.assertj.core.data.Percentage.withPercentage(1));
    }
  }

  @Test
  void aWrongPasswordFailsLoginWithoutShowingIt() throws IOException {
    Map<String, String> config = config();
    Files.writeString(dir.resolve("wrong"), "not-the-password-42");
    config.put("password", "secret:file:" + dir.resolve("wrong"));

    assertThatThrownBy(() -> target(config).openWrite(request()))
        .isInstanceOf(SftpLoginException.class)
        .hasMessageContaining("could not log in to SFTP server 127.0.0.1:" + server.port() + " as 'bms'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password-42"));
  }

  @Test
  void aKeyLogsIn() throws Exception {
    server.close();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair user = generator.generateKeyPair();
    server = SftpTestServer.start(server.root(), dir.resolve("host.key"), 0, user.getPublic());
    // an OpenSSH key file protected by a passphrase, as ssh-keygen writes it
    OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
    encryption.setPassword("key-passphrase-7");
    encryption.setCipherName("AES");
    encryption.setCipherMode("CTR");
    encryption.setCipherType("256");
    Path keyFile = dir.resolve("id_ecdsa");
    try (OutputStream out = Files.newOutputStream(keyFile)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(user, "bms test", encryption, out);
    }
    Files.writeString(dir.resolve("passphrase"), "key-passphrase-7\n");
    Map<String, String> config = config();
    config.remove("password");
    config.put("privateKey", keyFile.toString());
    config.put("privateKeyPassphrase", "secret:file:" + dir.resolve("passphrase"));
    BackupTarget target = target(config);

    StoredCopy copy = write(target, request(), Map.of("k.txt", bytes("by key")));

    assertThat(read(target, copy.location(), "k.txt")).isEqualTo(bytes("by key"));
  }

  @Test
  void aServerStoppedMidCopyFailsTheCopyAndTheNextWriteRemovesWhatItLeft() throws IOException {
    Map<String, String> config = config();
    BackupTarget target = target(config);
    WriteRequest request = request();
    WriteSession session = target.openWrite(request);
    OutputStream out = session.openEntry("big.bin", 64L << 20);
    byte[] chunk = new byte[256 * 1024];
    out.write(chunk);

    server.close();

    assertThatThrownBy(() -> {
      for (int i = 0; i < 256; i++) {
        out.write(chunk);
      }
      out.close();
    }).isInstanceOf(IOException.class);
    assertThatCode(session::abort).as("abort with the server gone").doesNotThrowAnyException();
    Path jobDir = server.local("/backups").resolve(RemotePaths.jobDirectoryName(request.jobName()));
    assertThat(names(jobDir)).as("left by the killed run").singleElement().asString().endsWith(".partial");

    // the server comes back (same host key, same files); so does bms, with a new target instance
    server = SftpTestServer.start(server.root(), dir.resolve("host.key"));
    BackupTarget restarted = target(config());
    StoredCopy copy = write(restarted, request, Map.of("big.bin", bytes("retried")));

    assertThat(names(jobDir)).containsExactly(request.executionId().toString());
    assertThat(read(restarted, copy.location(), "big.bin")).isEqualTo(bytes("retried"));
  }

  @Test
  void stalePartialCopiesOfOtherExecutionsAreRemovedFreshOnesKept() throws IOException {
    BackupTarget target = target(config());
    WriteRequest request = request();
    Path jobDir = Files.createDirectories(server.local("/backups").resolve(RemotePaths.jobDirectoryName(request.jobName())));
    Path stale = Files.createDirectories(jobDir.resolve(UUID.randomUUID() + ".1.partial/data"));
    Files.setLastModifiedTime(stale.getParent(), FileTime.from(Instant.now().minus(2, ChronoUnit.DAYS)));
    Path fresh = Files.createDirectories(jobDir.resolve(UUID.randomUUID() + ".2.partial/data"));
    Path deleting = Files.createDirectories(jobDir.resolve(UUID.randomUUID() + ".3.deleting/data"));

    write(target, request, Map.of("f", bytes("f")));

    assertThat(stale.getParent()).doesNotExist();
    assertThat(deleting.getParent()).doesNotExist();
    assertThat(fresh.getParent()).as("another execution may still be writing it").exists();
  }

  @Test
  void connectionsAreBoundedAndAWaitEndsAtTheOperationTimeout() throws IOException {
    Map<String, String> config = config();
    config.put("maxConnections", "1");
    config.put("operationTimeout", "1s");
    BackupTarget target = target(config);
    WriteSession session = target.openWrite(request());
    OutputStream first = session.openEntry("one.txt", 3);

    assertThatThrownBy(() -> session.openEntry("two.txt", 3))
        .isInstanceOf(SocketTimeoutException.class)
        .hasMessageContaining("all 1 SFTP connections to 127.0.0.1:" + server.port() + " stayed busy for PT1S");

    first.write(bytes("one"));
    first.close();
    try (OutputStream second = session.openEntry("two.txt", 3)) {
      second.write(bytes("two"));
    }
    StoredCopy copy = session.commit(manifest(Map.of("one.txt", bytes("one"), "two.txt", bytes("two"))));
    assertThat(read(target, copy.location(), "two.txt")).isEqualTo(bytes("two"));
  }

  @Test
  void configurationProblemsAreReportedTogetherAndNeverShowASecret() throws IOException {
    Map<String, String> config = new HashMap<>();
    config.put("host", "backup.example.com");
    config.put("username", "bms");
    config.put("password", "hunter2-literal");
    config.put("root", "relative/dir");
    config.put("connectTimeot", "5s");

    assertThatThrownBy(() -> new SftpTargetFactory().create(new PluginConfig("target 'sftp'", config), PluginContext.standalone()))
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(e -> {
          List<String> problems = ((InvalidConfigException) e).problems();
          assertThat(problems).anyMatch(p -> p.startsWith("password: holds a literal secret"));
          assertThat(problems).anyMatch(p -> p.startsWith("knownHosts: host key verification is required"));
          assertThat(problems).anyMatch(p -> p.startsWith("root: 'relative/dir' must be an absolute remote path"));
          assertThat(problems).anyMatch(p -> p.startsWith("connectTimeot: unknown key"));
          assertThat(String.join("\n", problems) + e.getMessage()).doesNotContain("hunter2-literal");
        });
  }

  // ---- helpers ----

  private Map<String, String> config() throws IOException {
    return server.config("/backups", dir.resolve("password"));
  }

  private BackupTarget target(Map<String, String> config) {
    BackupTarget t = new SftpTargetFactory().create(new PluginConfig("target 'sftp'", config), PluginContext.standalone());
    targets.add(t);
    return t;
  }

  private static WriteRequest request() {
    return new WriteRequest(new JobId(UUID.randomUUID()), "nightly db", new ExecutionId(UUID.randomUUID()), "offsite",
        Instant.now());
  }

  private static StoredCopy write(BackupTarget target, WriteRequest request, Map<String, byte[]> files) throws IOException {
    WriteSession session = target.openWrite(request);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      try (OutputStream out = session.openEntry(f.getKey(), f.getValue().length)) {
        out.write(f.getValue());
      }
    }
    return session.commit(manifest(files));
  }

  private static Manifest manifest(Map<String, byte[]> files) {
    return new Manifest(files.entrySet().stream().map(f -> new ManifestEntry(f.getKey(), f.getValue().length,
        sha256(f.getValue()))).toList());
  }

  private static byte[] read(BackupTarget target, String location, String path) throws IOException {
    try (InputStream in = target.openRead(location, path)) {
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<Path> filesBelow(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  private static String otherHostKeyLine() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return org.apache.sshd.common.config.keys.PublicKeyEntry.toString(generator.generateKeyPair().getPublic());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
