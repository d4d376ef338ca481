package dev.bms.plugins.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.bms.api.CopyLockedException;
import dev.bms.api.ForeignLocationException;
import dev.bms.api.PathEscapeException;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import dev.bms.testkit.target.BackupTargetContract.ManualClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the compatibility kit cannot see: the layout on disk, locks as files and permissions, location checks. */
class FilesystemTargetBehaviourTest {
  private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

  @TempDir
  Path root;

  private final ManualClock clock = new ManualClock(NOW);

  @Test
  void copyLivesUnderRootSubdirectoryJobAndExecutionWithItsManifest() throws Exception {
    BackupTarget target = target(Map.of("subdirectory", "nas/bms"));
    WriteRequest request = request("Payroll files / 2030");

    Committed copy = write(target, request, Map.of("x/y.txt", "why"));

    Path expected = root.resolve("nas/bms/Payroll_files___2030").resolve(request.executionId().toString());
    assertThat(copy.stored().location()).isEqualTo(expected.toString());
    assertThat(expected.resolve("data/x/y.txt")).hasContent("why");
    assertThat(expected.resolve("manifest.tsv")).hasContent(copy.manifest().toText().strip());
    assertThat(Files.readString(expected.resolve("manifest.tsv"))).isEqualTo(copy.manifest().toText());
    assertThat(expected.resolve("retention.lock")).doesNotExist();
    assertThat(names(expected.getParent())).containsExactly(request.executionId().toString());
  }

  @Test
  void anUncommittedCopyIsOnlyAPartialDirectoryAndAbortRemovesIt() throws Exception {
    BackupTarget target = target(Map.of());
    WriteRequest request = request("job");
    WriteSession session = target.openWrite(request);
    write(session, "a.txt", "a");
    OutputStream stillOpen = session.openEntry("b.txt", 10);
    stillOpen.write(1);

    Path jobDir = root.resolve("job");
    assertThat(names(jobDir)).filteredOn(n -> n.endsWith(".partial")).singleElement().asString()
        .startsWith(request.executionId().toString());
    assertThat(names(jobDir)).as("the writer's lease").filteredOn(n -> n.endsWith(".partial.lease")).hasSize(1);
    assertThat(jobDir.resolve(request.executionId().toString())).doesNotExist();

    session.abort();

    assertThat(names(jobDir)).isEmpty();
  }

  @Test
  void aManifestThatDoesNotMatchTheWrittenFilesIsRefusedAndNothingStays() throws Exception {
    BackupTarget target = target(Map.of());
    WriteSession session = target.openWrite(request("job"));
    write(session, "a.txt", "a");
    Manifest wrong = new Manifest(List.of(new ManifestEntry("a.txt", 5, sha("aaaaa")), new ManifestEntry("b.txt", 1, sha("b"))));

    assertThatThrownBy(() -> session.commit(wrong)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a.txt' has 1 bytes").hasMessageContaining("'b.txt' is in the manifest but was not written");
    assertThat(names(root.resolve("job"))).isEmpty();
  }

  @Test
  void anEntryWrittenTwiceIsRefused() throws Exception {
    WriteSession session = target(Map.of()).openWrite(request("job"));
    write(session, "a.txt", "a");

    assertThatThrownBy(() -> session.openEntry("a.txt", 1)).isInstanceOf(FileAlreadyExistsException.class);
    session.abort();
  }

  @Test
  void aMissingRootFailsTheWriteAndIsNotCreated() throws Exception {
    Path mount = Files.createDirectory(root.resolve("mnt"));
    BackupTarget target = new FilesystemTargetFactory().create(
        new PluginConfig("target 'filesystem'", Map.of("root", mount.toString(), "subdirectory", "bms",
            "initialize", "true")), PluginContext.builder().clock(clock).build());
    Files.delete(mount); // unmounted after the job was configured

    assertThatThrownBy(() -> target.openWrite(request("job"))).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(mount.toString());
    assertThat(mount).doesNotExist();
  }

  @Test
  void deleteLeavesNoTrace() throws Exception {
    BackupTarget target = target(Map.of());
    Committed copy = write(target, request("job"), Map.of("d/e/f.txt", "f", "g.txt", "g"));

    target.delete(copy.stored().location());
    target.delete(copy.stored().location()); // idempotent

    assertThat(names(root.resolve("job"))).isEmpty();
  }

  @Test
  void aLockedCopyIsReadOnlyAndCarriesItsLockFile() throws Exception {
    BackupTarget target = target(Map.of("immutableDays", "10"));
    Committed copy = write(target, request("job"), Map.of("d/f.txt", "f"));
    Path dir = Path.of(copy.stored().location());

    Instant until = NOW.plus(Duration.ofDays(10));
    assertThat(copy.stored().immutableUntil()).contains(until);
    assertThat(Files.readString(dir.resolve("retention.lock")).strip()).isEqualTo(until.toString());
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.toList()).hasSize(6).allSatisfy(p -> assertThat(Files.getPosixFilePermissions(p))
          .as("permissions of %s", p).doesNotContain(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
              PosixFilePermission.OTHERS_WRITE));
    }
    assertThat(target.lockedUntil(copy.stored().location())).contains(until);

    clock.set(until); // leave nothing read-only behind for the temporary directory's cleanup
    target.delete(copy.stored().location());
    assertThat(dir).doesNotExist();
  }

  @Test
  void lockedUntilTrustsOnlyALockFileOnAReadOnlyTree() throws Exception {
    BackupTarget target = target(Map.of("immutableDays", "10"));
    Committed copy = write(target, request("job"), Map.of("d/f.txt", "f"));
    Path dir = Path.of(copy.stored().location());

    Files.setPosixFilePermissions(dir.resolve("data/d/f.txt"), PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(target.lockedUntil(copy.stored().location())).as("one data file writable again").isEmpty();
    // delete still honours the lock file: it errs on the side of keeping data
    assertThatThrownBy(() -> target.delete(copy.stored().location())).isInstanceOf(CopyLockedException.class);

    Files.setPosixFilePermissions(dir.resolve("data/d/f.txt"), PosixFilePermissions.fromString("r--r--r--"));
    assertThat(target.lockedUntil(copy.stored().location())).as("read-only again").isPresent();

    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.delete(dir.resolve("retention.lock"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    assertThat(target.lockedUntil(copy.stored().location())).as("no lock file").isEmpty();
    target.delete(copy.stored().location());
    assertThat(dir).doesNotExist();
  }

  @Test
  void anExpiredLockAllowsDeletionOfTheWholeReadOnlyTree() throws Exception {
    BackupTarget target = target(Map.of("immutableDays", "1"));
    Committed copy = write(target, request("job"), Map.of("d/f.txt", "f"));

    clock.set(NOW.plus(Duration.ofDays(1)).minusMillis(1));
    assertThatThrownBy(() -> target.delete(copy.stored().location())).isInstanceOfSatisfying(CopyLockedException.class,
        e -> assertThat(e.lockedUntil()).isEqualTo(NOW.plus(Duration.ofDays(1))));

    clock.set(NOW.plus(Duration.ofDays(1)));
    target.delete(copy.stored().location());
    assertThat(names(root.resolve("job"))).isEmpty();
  }

  @Test
  void verifyNamesEveryMismatchingPathAtOnce() throws Exception {
    BackupTarget target = target(Map.of());
    Map<String, String> files = new LinkedHashMap<>();
    files.put("ok.txt", "fine");
    files.put("short.txt", "will be cut");
    files.put("flipped.txt", "abcdef");
    files.put("gone.txt", "gone");
    Committed copy = write(target, request("job"), files);
    Path data = Path.of(copy.stored().location(), "data");
    Files.writeString(data.resolve("short.txt"), "will");
    Files.writeString(data.resolve("flipped.txt"), "abcdeF");
    Files.delete(data.resolve("gone.txt"));
    Files.createDirectories(data.resolve("new"));
    Files.writeString(data.resolve("new/stray.txt"), "?");

    var report = target.verify(copy.stored().location(), copy.manifest());

    assertThat(report.problems()).extracting(IntegrityProblem::path, IntegrityProblem::kind).containsExactlyInAnyOrder(
        tuple("short.txt", IntegrityProblem.Kind.SIZE_MISMATCH),
        tuple("flipped.txt", IntegrityProblem.Kind.CHECKSUM_MISMATCH),
        tuple("gone.txt", IntegrityProblem.Kind.MISSING),
        tuple("new/stray.txt", IntegrityProblem.Kind.UNEXPECTED));
    assertThat(report.filesChecked()).isEqualTo(3);
    assertThat(target.list(copy.stored().location())).containsExactly("flipped.txt", "new/stray.txt", "ok.txt", "short.txt");
  }

  @Test
  void locationsMustBeCopiesOfThisTarget() throws Exception {
    BackupTarget target = target(Map.of("subdirectory", "inner"));
    Committed copy = write(target, request("job"), Map.of("a.txt", "a"));
    String location = copy.stored().location();
    Path other = Files.createDirectories(root.resolve("other/job").resolve(UUID.randomUUID().toString()));

    assertThatThrownBy(() -> target.openRead(other.toString(), "a.txt")).isInstanceOf(ForeignLocationException.class)
        .hasMessageContaining(other.toString());
    assertThatThrownBy(() -> target.openRead(location + "/../../../other/job/x", "a.txt")).isInstanceOf(ForeignLocationException.class);
    assertThatThrownBy(() -> target.openRead("relative/path", "a.txt")).isInstanceOf(ForeignLocationException.class);
    assertThatThrownBy(() -> target.openRead(root.resolve("inner/job").toString(), "a.txt")).isInstanceOf(ForeignLocationException.class);
    assertThatThrownBy(() -> target.delete(root.resolve("inner").toString())).isInstanceOf(ForeignLocationException.class);
    assertThatThrownBy(() -> target.delete(other.toString())).isInstanceOf(ForeignLocationException.class);
    assertThatThrownBy(() -> target.openRead(location.replace('/', '\\'), "a.txt")).isInstanceOf(ForeignLocationException.class);
    assertThat(other).exists();
    assertThatThrownBy(() -> target.openRead(location, "../manifest.tsv")).isInstanceOf(PathEscapeException.class);
  }

  @Test
  void aLinkInsideACopyCannotLeadOutOfIt() throws Exception {
    BackupTarget target = target(Map.of());
    Committed copy = write(target, request("job"), Map.of("a.txt", "a"));
    Path secret = Files.writeString(root.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(Path.of(copy.stored().location(), "data", "link.txt"), secret);

    assertThatThrownBy(() -> target.openRead(copy.stored().location(), "link.txt")).isInstanceOf(PathEscapeException.class);
    assertThat(target.verify(copy.stored().location(), copy.manifest()).problems())
        .extracting(IntegrityProblem::path, IntegrityProblem::kind)
        .containsExactly(tuple("link.txt", IntegrityProblem.Kind.UNEXPECTED));
  }

  @Test
  void restoreDoesNotFollowALinkPlantedInTheDestination() throws Exception {
    BackupTarget target = target(Map.of());
    Committed copy = write(target, request("job"), Map.of("etc/passwd", "restored"));
    Path destination = Files.createDirectories(root.resolve("restore"));
    Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
    Files.createSymbolicLink(destination.resolve("etc"), elsewhere);

    assertThatThrownBy(() -> target.restore(copy.stored().location(), copy.manifest(), destination))
        .isInstanceOf(PathEscapeException.class);
    assertThat(elsewhere.resolve("passwd")).doesNotExist();
  }

  @Test
  void restoreChecksEveryPathBeforeWritingAnything() throws Exception {
    BackupTarget target = target(Map.of());
    Committed copy = write(target, request("job"), Map.of("a.txt", "a"));
    Manifest hostile = new Manifest(List.of(copy.manifest().entries().get(0), new ManifestEntry("z/../../../evil", 1, sha("a"))));
    Path destination = root.resolve("restore");

    assertThatThrownBy(() -> target.restore(copy.stored().location(), hostile, destination)).isInstanceOf(PathEscapeException.class);
    assertThat(destination).doesNotExist();
  }

  @Test
  void jobNamesBecomeSafeDirectoryNames() {
    assertThat(CopyLayout.jobDirectoryName("payroll-files")).isEqualTo("payroll-files");
    assertThat(CopyLayout.jobDirectoryName("../../etc")).isEqualTo("_._.._etc");
    assertThat(CopyLayout.jobDirectoryName("..")).isEqualTo("_.");
    assertThat(CopyLayout.jobDirectoryName(".hidden")).isEqualTo("_hidden");
    assertThat(CopyLayout.jobDirectoryName("a/b\\c d:é")).isEqualTo("a_b_c_d__");
    assertThat(CopyLayout.jobDirectoryName("")).isEqualTo("_");
    assertThat(CopyLayout.jobDirectoryName("x".repeat(300))).hasSize(100);
  }

  // ---- helpers ----

  private record Committed(StoredCopy stored, Manifest manifest) {
  }

  private BackupTarget target(Map<String, String> extra) {
    Map<String, String> config = new LinkedHashMap<>(extra);
    config.put("root", root.toString());
    config.put("initialize", "true");
    return new FilesystemTargetFactory().create(new PluginConfig("target 'filesystem'", config), PluginContext.builder().clock(clock).build());
  }

  private WriteRequest request(String jobName) {
    return new WriteRequest(new JobId(UUID.randomUUID()), jobName, new ExecutionId(UUID.randomUUID()), "primary", NOW);
  }

  private static Committed write(BackupTarget target, WriteRequest request, Map<String, String> files) throws IOException {
    WriteSession session = target.openWrite(request);
    for (Map.Entry<String, String> f : files.entrySet()) {
      write(session, f.getKey(), f.getValue());
    }
    Manifest manifest = new Manifest(files.entrySet().stream()
        .map(f -> new ManifestEntry(f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8).length, sha(f.getValue()))).toList());
    return new Committed(session.commit(manifest), manifest);
  }

  private static void write(WriteSession session, String path, String content) throws IOException {
    try (OutputStream out = session.openEntry(path, content.length())) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String sha(String content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
