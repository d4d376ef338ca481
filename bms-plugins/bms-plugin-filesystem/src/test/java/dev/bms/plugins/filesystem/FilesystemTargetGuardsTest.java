package dev.bms.plugins.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.InvalidConfigException;
import dev.bms.api.PathEscapeException;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Manifest;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import dev.bms.testkit.target.BackupTargetContract.ManualClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards against an unmounted share, leftovers of killed writers, and paths that mean different things elsewhere. */
class FilesystemTargetGuardsTest {
  private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

  @TempDir
  Path temp;

  private final ManualClock clock = new ManualClock(NOW);

  @Test
  void anEmptyMountPointIsNotWrittenTo() throws Exception {
    Path mountPoint = Files.createDirectory(temp.resolve("mnt-nas")); // present, empty: the share is not mounted
    BackupTarget target = target(Map.of("root", mountPoint.toString()));

    assertThatThrownBy(() -> target.openWrite(request("job"))).isInstanceOf(IOException.class)
        .hasMessageContaining(mountPoint.toString()).hasMessageContaining(".bms-target")
        .hasMessageContaining("initialize=true");
    assertThat(list(mountPoint)).as("nothing written into the mount point").isEmpty();
  }

  @Test
  void capacityIsTheFileStoreOfTheRootAndNothingWhileTheRootIsMissing() throws Exception {
    Path root = Files.createDirectory(temp.resolve("capacity"));
    java.nio.file.FileStore store = Files.getFileStore(root);

    dev.bms.spi.TargetCapacity capacity = target(Map.of("root", root.toString())).capacity().orElseThrow();

    assertThat(capacity.totalBytes()).isEqualTo(store.getTotalSpace());
    // other processes write to the same disk meanwhile: the free bytes agree within 1 %
    assertThat((double) capacity.freeBytes())
        .isCloseTo((double) store.getUsableSpace(), org.assertj.core.data.Percentage.withPercentage(1));
    Path unmounted = Files.createDirectory(temp.resolve("unmounted-later"));
    BackupTarget target = target(Map.of("root", unmounted.toString()));
    Files.delete(unmounted);
    assertThat(target.capacity()).as("a missing root reports no capacity (not that of the disk underneath)").isEmpty();
  }

  @Test
  void initializeWritesTheMarkerOnceAndLaterWritesNeedNoFlag() throws Exception {
    Path root = Files.createDirectory(temp.resolve("new-target"));
    BackupTarget initializing = target(Map.of("root", root.toString(), "initialize", "true"));
    commit(initializing.openWrite(request("job")));
    assertThat(root.resolve(".bms-target")).isRegularFile();

    BackupTarget plain = target(Map.of("root", root.toString()));
    assertThat(commit(plain.openWrite(request("job"))).location()).startsWith(root.toString());
  }

  @Test
  void aPartialDirectoryOfAKilledWriterIsRemovedByTheNextWriteOfTheJob() throws Exception {
    Path root = Files.createDirectory(temp.resolve("target"));
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LeaseHolder.class.getName(), root.toString(), "job")
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("READY");
      Path jobDir = root.resolve("job");
      assertThat(partials(jobDir)).hasSize(1);

      // while the other process lives, its partial directory is its own
      BackupTarget target = target(Map.of("root", root.toString()));
      commit(target.openWrite(request("job")));
      assertThat(partials(jobDir)).as("a live writer's partial directory").hasSize(1);

      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

      commit(target.openWrite(request("job")));
      assertThat(partials(jobDir)).as("partial directories after the writer was killed").isEmpty();
      assertThat(list(jobDir)).as("lease files").noneMatch(n -> n.endsWith(".lease"));
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aPartialDirectoryWhoseOwnerCannotBeKnownIsRemovedByAge() throws Exception {
    Path root = Files.createDirectory(temp.resolve("target"));
    Files.writeString(root.resolve(".bms-target"), "");
    Path jobDir = Files.createDirectories(root.resolve("job"));
    Path old = Files.createDirectories(jobDir.resolve(UUID.randomUUID() + ".1.partial").resolve("data"));
    Path young = Files.createDirectories(jobDir.resolve(UUID.randomUUID() + ".2.partial").resolve("data"));
    Files.setLastModifiedTime(old.getParent(), FileTime.from(NOW.minus(Duration.ofHours(25))));
    Files.setLastModifiedTime(young.getParent(), FileTime.from(NOW.minus(Duration.ofHours(23))));

    commit(target(Map.of("root", root.toString())).openWrite(request("job")));

    assertThat(old.getParent()).as("older than partialMaxAge (24h), no lease").doesNotExist();
    assertThat(young.getParent()).as("younger than partialMaxAge, no lease").exists();
  }

  @Test
  void aWriterKeepsItsOwnPartialDirectoryWhileAnotherInstanceWritesTheSameJob() throws Exception {
    Path root = Files.createDirectory(temp.resolve("target"));
    BackupTarget first = target(Map.of("root", root.toString(), "initialize", "true"));
    BackupTarget second = target(Map.of("root", root.toString(), "initialize", "true", "fsync", "false"));
    WriteSession open = first.openWrite(request("job"));
    clock.advance(Duration.ofDays(30)); // even "old" does not matter while the lease is held

    commit(second.openWrite(request("job")));

    assertThat(partials(root.resolve("job"))).hasSize(1);
    StoredCopy stored = commit(open);
    assertThat(Path.of(stored.location())).isDirectory();
  }

  @Test
  void entryPathsWithABackslashAreRefused() throws Exception {
    Path root = Files.createDirectory(temp.resolve("target"));
    WriteSession session = target(Map.of("root", root.toString(), "initialize", "true")).openWrite(request("job"));
    for (String path : List.of("a\\b.txt", "..\\..\\x", "dir\\..\\..\\x")) {
      assertThatThrownBy(() -> session.openEntry(path, 1)).isInstanceOf(PathEscapeException.class).hasMessageContaining(path);
    }
    session.abort();
  }

  @Test
  void aRequestedRetainUntilLongerThanTheConfiguredLockWins() throws Exception {
    Path root = Files.createDirectory(temp.resolve("target"));
    BackupTarget target = target(Map.of("root", root.toString(), "initialize", "true", "immutableDays", "7"));
    Instant requested = NOW.plus(Duration.ofDays(90));

    StoredCopy longer = commit(target.openWrite(request("job").withRetainUntil(requested)));
    StoredCopy shorter = commit(target.openWrite(request("job").withRetainUntil(NOW.plus(Duration.ofDays(1)))));

    assertThat(longer.immutableUntil()).contains(requested);
    assertThat(target.lockedUntil(longer.location())).contains(requested);
    assertThat(shorter.immutableUntil()).as("the configured lock is the floor").contains(NOW.plus(Duration.ofDays(7)));
  }

  @Test
  void aRelativeSourcePathIsRefused() {
    assertThatThrownBy(() -> new DirectorySourceFactory().create(new PluginConfig("source 'directory'",
        Map.of("path", "../../etc")), PluginContext.standalone())).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("path").hasMessageContaining("'../../etc' must be an absolute path");
  }

  private BackupTarget target(Map<String, String> config) {
    return new FilesystemTargetFactory().create(new PluginConfig("target 'filesystem'", new HashMap<>(config)), PluginContext.builder().clock(clock).build());
  }

  private static WriteRequest request(String job) {
    return new WriteRequest(new JobId(UUID.randomUUID()), job, new ExecutionId(UUID.randomUUID()), "primary", NOW);
  }

  private static StoredCopy commit(WriteSession session) throws IOException {
    return session.commit(new Manifest(List.of()));
  }

  private static List<String> partials(Path jobDir) throws IOException {
    return list(jobDir).stream().filter(n -> n.endsWith(".partial")).toList();
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
