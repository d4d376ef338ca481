package dev.bms.plugins.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.InvalidConfigException;
import dev.bms.api.model.MediaType;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.TargetCapabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemTargetFactoryTest {
  @TempDir
  Path dir;

  private final FilesystemTargetFactory factory = new FilesystemTargetFactory();

  @Test
  void reportsEveryBadAndUnknownKeyAtOnce() {
    Map<String, String> config = new HashMap<>();
    config.put("root", "relative/root");
    config.put("subdirectory", "../x");
    config.put("mediaType", "floppy");
    config.put("offsite", "maybe");
    config.put("immutableDays", "-1");
    config.put("fsync", "sometimes");
    config.put("rooot", "/typo");

    assertThatThrownBy(() -> factory.create(new PluginConfig("target 'filesystem'", config), PluginContext.standalone()))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
          assertThat(e.component()).isEqualTo("target 'filesystem'");
          assertThat(e.problems()).hasSize(7);
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("root:").contains("'relative/root'", "absolute"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("subdirectory:").contains("'../x'"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("mediaType:").contains("'floppy'"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("offsite:").contains("'maybe'"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("immutableDays:").contains("'-1'"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("fsync:").contains("'sometimes'"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("rooot:").contains("unknown key"));
        });
  }

  @Test
  void rootIsRequired() {
    assertThatThrownBy(() -> factory.create(new PluginConfig("target 'filesystem'", Map.of()), PluginContext.standalone()))
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.problems()).containsExactly("root: is required"));
  }

  @Test
  void rootMustBeAnExistingDirectory() {
    Path missing = dir.resolve("not-mounted");

    assertThatThrownBy(() -> create(Map.of("root", missing.toString())))
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.problems()).singleElement().asString().startsWith("root:").contains(missing.toString()));
    assertThat(missing).doesNotExist();
  }

  @Test
  void subdirectoryMustStayInsideRoot() {
    for (String escaping : List.of("../x", "/etc", "a/../../x", "..", "a/..")) {
      assertThatThrownBy(() -> create(Map.of("root", dir.toString(), "subdirectory", escaping)))
          .as("subdirectory %s", escaping)
          .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).singleElement().asString()
              .startsWith("subdirectory:").contains("'" + escaping + "'"));
    }
  }

  @Test
  void defaultsDescribeALocalDiskOfThisHost() {
    BackupTarget target = create(Map.of("root", dir.toString()));

    assertThat(target.capabilities()).isEqualTo(
        new TargetCapabilities(MediaType.LOCAL_DISK, "host:" + Hostname.get(), false, false, false));
    assertThat(Hostname.get()).isNotBlank();
  }

  @Test
  void capabilitiesFollowTheConfiguration() {
    BackupTarget target = create(Map.of("root", dir.toString(), "mediaType", "network_share",
        "failureDomain", "site:berlin-dc1", "offsite", "true", "immutableDays", "7", "fsync", "false"));

    assertThat(target.capabilities()).isEqualTo(
        new TargetCapabilities(MediaType.NETWORK_SHARE, "site:berlin-dc1", true, true, false));
  }

  @Test
  void createWritesNothing() throws Exception {
    create(Map.of("root", dir.toString(), "subdirectory", "a/b"));

    try (var children = Files.list(dir)) {
      assertThat(children).isEmpty();
    }
  }

  private BackupTarget create(Map<String, String> config) {
    return factory.create(new PluginConfig("target 'filesystem'", config), PluginContext.standalone());
  }
}
