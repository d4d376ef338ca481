package dev.bms.plugins.filesystem;

import dev.bms.spi.BackupTarget;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.testkit.target.BackupTargetContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** The filesystem target passes the target compatibility kit, made through its factory. */
class FilesystemTargetTest extends BackupTargetContract {

  @Override
  protected BackupTarget createTarget(Path dir) {
    return new FilesystemTargetFactory().create(new PluginConfig("target 'filesystem'",
        Map.of("root", dir.toString(), "subdirectory", "bms/copies", "initialize", "true")), PluginContext.standalone());
  }

  @Override
  protected Optional<BackupTarget> createImmutableTarget(Path dir, Clock clock) {
    return Optional.of(new FilesystemTargetFactory().create(new PluginConfig("target 'filesystem'",
        Map.of("root", dir.toString(), "immutableDays", "30", "initialize", "true")), PluginContext.builder().clock(clock).build()));
  }

  @Override
  protected void flipOneByte(BackupTarget target, String location, String path) throws IOException {
    Path file = Path.of(location, "data").resolve(path);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
  }

  @Override
  protected void removeStoredFile(BackupTarget target, String location, String path) throws IOException {
    Files.delete(Path.of(location, "data").resolve(path));
  }
}
