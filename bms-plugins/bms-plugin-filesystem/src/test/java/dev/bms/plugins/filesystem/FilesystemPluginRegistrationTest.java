package dev.bms.plugins.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.spi.BackupSourceFactory;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class FilesystemPluginRegistrationTest {

  @Test
  void serviceLoaderFindsThePluginWithItsTargetAndSource() {
    List<BmsPlugin> plugins = ServiceLoader.load(BmsPlugin.class).stream().map(ServiceLoader.Provider::get).toList();

    assertThat(plugins).filteredOn(p -> p instanceof FilesystemPlugin).hasSize(1);
    BmsPlugin plugin = plugins.stream().filter(p -> p instanceof FilesystemPlugin).findFirst().orElseThrow();
    assertThat(plugin.name()).isEqualTo("filesystem");
    assertThat(plugin.targets()).extracting(BackupTargetFactory::type).containsExactly("filesystem");
    assertThat(plugin.sources()).extracting(BackupSourceFactory::type).containsExactly("directory");
  }
}
