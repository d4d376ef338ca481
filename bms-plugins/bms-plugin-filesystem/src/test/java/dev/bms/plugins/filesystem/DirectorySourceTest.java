package dev.bms.plugins.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.InvalidConfigException;
import dev.bms.spi.BackupSource;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.SourceEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {
  @TempDir
  Path temp;

  private final DirectorySourceFactory factory = new DirectorySourceFactory();

  @Test
  void pushesEveryRegularFileInSortedRelativePathOrder() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("src"));
    // names chosen so that sorting by name per directory would differ from sorting whole paths
    for (String path : List.of("a/b", "a-c", "a.txt", "ab", "A", "a/z/y", "b", "empty", "ünï/文件")) {
      file(dir, path, path.equals("empty") ? "" : "content of " + path);
    }
    Files.createDirectories(dir.resolve("empty-dir/nested"));

    Map<String, String> pushed = read(source(Map.of("path", dir.toString())));

    assertThat(List.copyOf(pushed.keySet())).as("String order, as in a Manifest").isSortedAccordingTo(String::compareTo);
    assertThat(pushed.keySet()).containsExactly("A", "a-c", "a.txt", "a/b", "a/z/y", "ab", "b", "empty", "ünï/文件");
    assertThat(pushed).containsEntry("a/z/y", "content of a/z/y").containsEntry("empty", "");
  }

  @Test
  void entriesCarrySizeModificationTimeAndPermissions() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("src"));
    Path f = file(dir, "d/f.bin", "12345");
    Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    List<SourceEntry> entries = new ArrayList<>();

    source(Map.of("path", dir.toString())).read((entry, in) -> {
      entries.add(entry);
      in.readAllBytes();
    });

    assertThat(entries).containsExactly(new SourceEntry("d/f.bin", 5, Files.getLastModifiedTime(f).toInstant(),
        java.util.Optional.of("rw-r-----")));
  }

  @Test
  void linksAreSkippedUnlessFollowed() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("src"));
    file(dir, "real.txt", "real");
    Path outside = Files.createDirectories(temp.resolve("outside"));
    file(outside, "o.txt", "outside");
    Files.createSymbolicLink(dir.resolve("link-to-file"), dir.resolve("real.txt"));
    Files.createSymbolicLink(dir.resolve("link-to-dir"), outside);
    Files.createSymbolicLink(dir.resolve("dangling"), temp.resolve("nothing"));

    assertThat(read(source(Map.of("path", dir.toString()))).keySet()).containsExactly("real.txt");
    assertThat(read(source(Map.of("path", dir.toString(), "followLinks", "true"))))
        .containsExactly(Map.entry("link-to-dir/o.txt", "outside"), Map.entry("link-to-file", "real"), Map.entry("real.txt", "real"));
  }

  @Test
  void aFollowedLinkLoopFailsTheRead() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("src"));
    Files.createDirectories(dir.resolve("a"));
    Files.createSymbolicLink(dir.resolve("a/up"), dir);

    BackupSource source = source(Map.of("path", dir.toString(), "followLinks", "true"));
    assertThatThrownBy(() -> read(source)).isInstanceOf(FileSystemLoopException.class);
  }

  @Test
  void includeAndExcludeGlobsFilterRelativePaths() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("src"));
    for (String path : List.of("top.log", "app/a.log", "app/a.txt", "cache/c.log", "cache/deep/d.log")) {
      file(dir, path, path);
    }

    assertThat(read(source(Map.of("path", dir.toString(), "include", "**.log", "exclude", "cache"))).keySet())
        .containsExactly("app/a.log", "top.log");
    assertThat(read(source(Map.of("path", dir.toString(), "exclude", "**/*.log"))).keySet())
        .containsExactly("app/a.txt", "top.log");
  }

  @Test
  void aMissingDirectoryIsAConfigProblemNamingPath() {
    Path missing = temp.resolve("nope");

    assertThatThrownBy(() -> source(Map.of("path", missing.toString())))
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.problems()).singleElement().asString().startsWith("path:").contains(missing.toString()));
  }

  @Test
  void reportsEveryProblemAtOnce() throws Exception {
    Path file = file(temp, "plain-file", "x");

    assertThatThrownBy(() -> source(Map.of("path", file.toString(), "include", "[", "followLinks", "yes", "pth", "/x")))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
          assertThat(e.problems()).hasSize(4);
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("path:").contains("not an existing directory"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("include:").contains("'['"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("followLinks:").contains("'yes'"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("pth:").contains("unknown key"));
        });
    assertThatThrownBy(() -> source(Map.of())).isInstanceOfSatisfying(InvalidConfigException.class,
        e -> assertThat(e.problems()).containsExactly("path: is required"));
  }

  @Test
  void aDirectoryRemovedAfterConfigurationFailsTheRead() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("src"));
    BackupSource source = source(Map.of("path", dir.toString()));
    Files.delete(dir);

    assertThatThrownBy(() -> read(source)).isInstanceOf(NoSuchFileException.class);
  }

  private BackupSource source(Map<String, String> config) {
    return factory.create(new PluginConfig("source 'directory'", config), PluginContext.standalone());
  }

  private static Map<String, String> read(BackupSource source) throws IOException {
    Map<String, String> pushed = new LinkedHashMap<>();
    source.read((entry, in) -> {
      String previous = pushed.put(entry.path(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(previous).as("pushed twice: %s", entry.path()).isNull();
    });
    return pushed;
  }

  private static Path file(Path dir, String path, String content) throws IOException {
    Path f = dir.resolve(path);
    Files.createDirectories(f.getParent());
    return Files.writeString(f, content);
  }
}
