package dev.bms.plugins.sftp;

import dev.bms.spi.BackupTarget;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.testkit.target.BackupTargetContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The target kit against a real in-process SFTP server. */
class SftpTargetContractTest extends BackupTargetContract {
  @TempDir
  static Path serverDir;

  private static SftpTestServer server;

  @BeforeAll
  static void startServer() throws IOException {
    server = SftpTestServer.start(Files.createDirectories(serverDir.resolve("root")), serverDir.resolve("host.key"));
  }

  @AfterAll
  static void stopServer() throws IOException {
    server.close();
  }

  @Override
  protected BackupTarget createTarget(Path dir) throws IOException {
    String remoteRoot = "/t-" + UUID.randomUUID();
    return new SftpTargetFactory().create(new PluginConfig("target 'sftp'",
        server.config(remoteRoot, dir.resolve("password"))), PluginContext.standalone());
  }

  @Override
  protected void flipOneByte(BackupTarget target, String location, String path) throws IOException {
    Path file = server.local(location).resolve("data").resolve(path);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
  }

  @Override
  protected void removeStoredFile(BackupTarget target, String location, String path) throws IOException {
    Files.delete(server.local(location).resolve("data").resolve(path));
  }
}
