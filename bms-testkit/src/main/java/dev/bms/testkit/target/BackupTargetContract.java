package dev.bms.testkit.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import dev.bms.api.CopyLockedException;
import dev.bms.api.ForeignLocationException;
import dev.bms.api.PathEscapeException;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.IntegrityReport;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compatibility kit every {@link BackupTarget} passes: extend it in a JUnit 5 test of your
 * plugin, implement the three hooks, and the inherited tests prove writing, reading back,
 * verification (an intact copy, a flipped byte, a missing file), restore, abort, refusal of
 * escaping paths, deletion and, where the target has it, immutability.
 *
 * <pre>{@code
 * class AcmeTargetTest extends BackupTargetContract {
 *
 *   @Override
 *   protected BackupTarget createTarget(Path dir) {
 *     return new AcmeTargetFactory().create(new PluginConfig("target 'acme'", Map.of("root", dir.toString())));
 *   }
 *
 *   // Optional: a target that locks what it commits, with time taken from the kit's clock.
 *   @Override
 *   protected Optional<BackupTarget> createImmutableTarget(Path dir, Clock clock) {
 *     return Optional.of(new AcmeTarget(dir, Duration.ofDays(7), clock));
 *   }
 *
 *   @Override
 *   protected void flipOneByte(BackupTarget target, String location, String path) throws IOException {
 *     Path file = Path.of(location, "data", path);          // wherever the target keeps the bytes
 *     byte[] bytes = Files.readAllBytes(file);
 *     bytes[bytes.length / 2] ^= 0x01;
 *     Files.write(file, bytes);
 *   }
 *
 *   @Override
 *   protected void removeStoredFile(BackupTarget target, String location, String path) throws IOException {
 *     Files.delete(Path.of(location, "data", path));
 *   }
 * }
 * }</pre>
 *
 * <p>What the kit expects beyond the {@link BackupTarget} Javadoc (a failing test's message
 * starts with the rule it checks, e.g. {@code [rule: atomic commit - ...]}):
 * <ul>
 *   <li>{@code openRead} of a file the copy lacks (never written, aborted, deleted) throws
 *       {@link NoSuchFileException};</li>
 *   <li><b>paths never escape</b>: {@code openEntry} and {@code openRead} refuse {@code ../x},
 *       {@code a/../../x}, absolute paths and paths with {@code \} with {@link PathEscapeException}
 *       whose message names the path, and write nothing anywhere for them; so does {@code restore}
 *       for a manifest path leaving the destination;</li>
 *   <li><b>atomic commit</b>: nothing a session wrote is readable or listed at any committed
 *       location before its {@code commit}, nor after its {@code abort}; a second session of the
 *       same execution may commit while the first is still open; a crash between writes and commit
 *       (neither called, the target re-created on the same directory) leaves nothing that
 *       {@code list} or {@code openRead} would serve, and does not block a retry;</li>
 *   <li>after {@code abort}, the same execution can be written again, and nothing of the aborted
 *       attempt is readable;</li>
 *   <li><b>the location is yours</b>: {@code openRead}, {@code list} and {@code delete} throw
 *       {@link ForeignLocationException} ({@code lockedUntil} throws it or reports no lock, so the
 *       interface's default passes) for a location of another target
 *       instance (made by {@link #createTarget} from another directory), for an absolute path
 *       outside the target, and for made-up strings, and touch nothing;</li>
 *   <li><b>thread safety</b>: eight sessions written at once from eight threads each commit their
 *       own, intact copy;</li>
 *   <li>{@code list} names exactly the copy's files, unless {@link #listsFiles()} says the target
 *       keeps the default (an empty list);</li>
 *   <li>a target made by {@link #createImmutableTarget} locks every copy it commits:
 *       {@code StoredCopy.immutableUntil} is after the clock's instant, {@code lockedUntil} reads
 *       the same instant back (within a second), {@code delete} throws {@link CopyLockedException}
 *       until {@link #passLockDate} and succeeds after it. A target without immutability
 *       (the default) must declare {@code immutable = false} and report no lock.</li>
 * </ul>
 *
 * <p>Each test gets fresh directories below a JUnit {@link TempDir}: the targets' own
 * ({@code dir} in the hooks, already created), an {@code outside} directory that escaping paths
 * aim at and that must stay empty, and a restore destination. The absolute path tried on write is
 * inside {@code outside}, not {@code /etc/passwd}, so a broken target cannot damage the machine
 * running the kit; {@code /etc/passwd} is tried on read only.
 */
public abstract class BackupTargetContract {
  /** Sizes of the standard tree: the big file spans several buffers of any sane size. */
  protected static final int ONE_MIB = 1024 * 1024;

  /** Fixed start of the clock handed to {@link #createImmutableTarget}. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /** The clock immutable targets take time from; {@link #passLockDate} moves it. */
  protected final ManualClock clock = new ManualClock(START);

  @TempDir
  private Path temp;

  private Path targetDir;
  private Path outsideDir;
  private BackupTarget target;
  private final List<BackupTarget> opened = new ArrayList<>();

  /**
   * Creates the target under test, keeping its copies in {@code dir} if it stores locally; it must
   * not lock copies.
   */
  protected abstract BackupTarget createTarget(Path dir) throws IOException;

  /**
   * Creates a target that locks every copy it commits, computing lock dates from {@code clock}.
   * Return empty (the default) when the target has no immutability.
   */
  protected Optional<BackupTarget> createImmutableTarget(Path dir, Clock clock) throws IOException {
    return Optional.empty();
  }

  /** Changes one byte of a stored file in place, keeping its size. */
  protected abstract void flipOneByte(BackupTarget target, String location, String path) throws IOException;

  /** Removes one stored file of a copy, as a failing medium or a careless operator would. */
  protected abstract void removeStoredFile(BackupTarget target, String location, String path) throws IOException;

  /**
   * Lets time pass beyond a copy's lock date. The default moves {@link #clock} one second past it;
   * a target whose locks follow a server's clock overrides this (and uses short locks).
   */
  protected void passLockDate(Instant lockedUntil) throws IOException {
    clock.set(lockedUntil.plusSeconds(1));
  }

  /** Whether the target implements {@link BackupTarget#list}; if not, it must return an empty list. */
  protected boolean listsFiles() {
    return true;
  }

  /** The standard tree: nested directories, an empty file, a 1 MiB file, non-ASCII names. */
  protected Map<String, byte[]> standardTree() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("top.txt", "top level\n".getBytes(StandardCharsets.UTF_8));
    files.put("a/b/c/deep.txt", "three directories down\n".getBytes(StandardCharsets.UTF_8));
    files.put("a/sibling.txt", "beside b\n".getBytes(StandardCharsets.UTF_8));
    files.put("empty.bin", new byte[0]);
    byte[] big = new byte[ONE_MIB];
    new Random(42).nextBytes(big);
    files.put("big/one-mib.bin", big);
    files.put("unicodé/naïve 文件 €.txt", "ünïcödé\n".getBytes(StandardCharsets.UTF_8));
    return files;
  }

  @BeforeEach
  void createTargetUnderTest() throws IOException {
    targetDir = Files.createDirectories(temp.resolve("target"));
    outsideDir = Files.createDirectories(temp.resolve("outside"));
    target = open(createTarget(targetDir));
  }

  @AfterEach
  void closeTargets() {
    for (BackupTarget t : opened) {
      t.close();
    }
  }

  @Test
  void writesATreeAndReadsEveryFileBack() throws IOException {
    Map<String, byte[]> tree = standardTree();
    Written copy = write(target, tree);

    assertThat(copy.stored().location()).isNotBlank();
    for (Map.Entry<String, byte[]> file : tree.entrySet()) {
      assertThat(read(target, copy.location(), file.getKey())).as("content of %s", file.getKey()).isEqualTo(file.getValue());
    }
    assertThat(target.list(copy.location())).as("list")
        .isEqualTo(listsFiles() ? tree.keySet().stream().sorted().toList() : List.of());
    assertThatThrownBy(() -> target.openRead(copy.location(), "never-written.txt")).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aTargetWithoutLocksReportsNone() throws IOException {
    Written copy = write(target, Map.of("f.txt", bytes("f")));

    assertThat(copy.stored().immutableUntil()).isEmpty();
    assertThat(target.lockedUntil(copy.location())).isEmpty();
  }

  @Test
  void verifyOfAnIntactCopyFindsNothing() throws IOException {
    Map<String, byte[]> tree = standardTree();
    Written copy = write(target, tree);

    IntegrityReport report = target.verify(copy.location(), copy.manifest());

    assertThat(report.problems()).isEmpty();
    assertThat(report.intact()).isTrue();
    assertThat(report.filesChecked()).isEqualTo(tree.size());
    assertThat(report.bytesChecked()).isEqualTo(copy.manifest().totalBytes());
  }

  @Test
  void verifyNamesAFlippedByteAsChecksumMismatch() throws IOException {
    Written copy = write(target, standardTree());

    flipOneByte(target, copy.location(), "big/one-mib.bin");

    IntegrityReport report = target.verify(copy.location(), copy.manifest());
    assertThat(report.problems()).extracting(IntegrityProblem::path, IntegrityProblem::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("big/one-mib.bin", IntegrityProblem.Kind.CHECKSUM_MISMATCH));
    List<ManifestEntry> others = copy.manifest().entries().stream().filter(e -> !e.path().equals("big/one-mib.bin")).toList();
    assertThat(target.verify(copy.location(), others).problems()).as("a sample without the damaged file").isEmpty();
  }

  @Test
  void verifyNamesARemovedFileAsMissing() throws IOException {
    Written copy = write(target, standardTree());

    removeStoredFile(target, copy.location(), "a/b/c/deep.txt");

    IntegrityReport report = target.verify(copy.location(), copy.manifest());
    assertThat(report.problems()).extracting(IntegrityProblem::path, IntegrityProblem::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a/b/c/deep.txt", IntegrityProblem.Kind.MISSING));
  }

  @Test
  void restoreWritesEveryByteOfEveryFile() throws IOException {
    Map<String, byte[]> tree = standardTree();
    Written copy = write(target, tree);
    Path destination = temp.resolve("restore").resolve("here");

    target.restore(copy.location(), copy.manifest(), destination);

    for (Map.Entry<String, byte[]> file : tree.entrySet()) {
      assertThat(destination.resolve(file.getKey())).as("restored %s", file.getKey()).hasBinaryContent(file.getValue());
    }
    assertThat(filesBelow(destination)).as("files restored").hasSize(tree.size());
  }

  @Test
  void abortLeavesNothingReadable() throws IOException {
    WriteRequest request = request();
    WriteSession aborted = target.openWrite(request);
    writeEntry(aborted, "aborted/one.txt", bytes("one"));
    writeEntry(aborted, "kept-name.txt", bytes("from the aborted attempt"));
    aborted.abort();

    // the same execution written again (a retry) holds only what the retry wrote
    Written retry = write(target, request, Map.of("kept-name.txt", bytes("from the retry")));

    assertThatThrownBy(() -> target.openRead(retry.location(), "aborted/one.txt")).isInstanceOf(NoSuchFileException.class);
    assertThat(read(target, retry.location(), "kept-name.txt")).isEqualTo(bytes("from the retry"));
    assertThat(target.list(retry.location())).isEqualTo(listsFiles() ? List.of("kept-name.txt") : List.of());
    assertThat(target.verify(retry.location(), retry.manifest()).problems()).isEmpty();
  }

  @Test
  void escapingPathsAreRefusedOnWriteAndNothingIsWritten() throws IOException {
    WriteSession session = target.openWrite(request());
    for (String path : escapingWritePaths()) {
      assertThat(catchThrowable(() -> session.openEntry(path, 4)))
          .as("rule: paths never escape - openEntry(%s) must throw PathEscapeException naming the path", path)
          .isInstanceOf(PathEscapeException.class).hasMessageContaining(path);
    }
    session.abort();

    assertThat(filesBelow(outsideDir)).as("files in the directory escaping paths aim at").isEmpty();
    assertThat(filesBelow(temp)).as("files anywhere in the scratch directory")
        .noneMatch(p -> p.getFileName().toString().equals("x") || p.getFileName().toString().equals("evil"));
  }

  @Test
  void escapingPathsAreRefusedOnRead() throws IOException {
    Written copy = write(target, Map.of("inside.txt", bytes("inside")));
    Files.writeString(outsideDir.resolve("evil"), "outside the target");

    List<String> paths = new ArrayList<>(escapingWritePaths());
    paths.add("/etc/passwd");
    for (String path : paths) {
      assertThat(catchThrowable(() -> target.openRead(copy.location(), path).close()))
          .as("rule: paths never escape - openRead(%s) must throw PathEscapeException naming the path", path)
          .isInstanceOf(PathEscapeException.class).hasMessageContaining(path);
    }
  }

  @Test
  void restoreRefusesAManifestPathLeavingTheDestination() throws IOException {
    Written copy = write(target, Map.of("good.txt", bytes("good")));
    Path destination = temp.resolve("restore").resolve("here");
    for (String path : List.of("../evil", "a/../../evil", outsideDir.resolve("evil").toString())) {
      Manifest hostile = new Manifest(List.of(copy.manifest().entries().get(0), new ManifestEntry(path, 4, sha256(bytes("good")))));

      assertThat(catchThrowable(() -> target.restore(copy.location(), hostile, destination))).as("restore of %s", path)
          .isInstanceOf(PathEscapeException.class);
    }
    assertThat(filesBelow(temp)).noneMatch(p -> p.getFileName().toString().equals("evil"));
  }

  @Test
  void deleteRemovesAnUnlockedCopy() throws IOException {
    Written copy = write(target, standardTree());
    Written other = write(target, Map.of("other.txt", bytes("other")));

    target.delete(copy.location());

    assertThatThrownBy(() -> target.openRead(copy.location(), "top.txt")).isInstanceOf(NoSuchFileException.class);
    assertThat(target.list(copy.location())).isEmpty();
    assertThat(target.verify(copy.location(), copy.manifest()).problems())
        .extracting(IntegrityProblem::kind).containsOnly(IntegrityProblem.Kind.MISSING).hasSize(copy.manifest().entries().size());
    assertThat(target.verify(other.location(), other.manifest()).problems()).as("another copy").isEmpty();
  }

  @Test
  void concurrentSessionsWriteIndependentCopies() throws IOException {
    WriteSession first = target.openWrite(request());
    WriteSession second = target.openWrite(request());
    Map<String, byte[]> firstFiles = Map.of("shared/name.txt", bytes("first"), "only-first.txt", bytes("1"));
    Map<String, byte[]> secondFiles = Map.of("shared/name.txt", bytes("second, longer"));
    writeEntry(first, "shared/name.txt", firstFiles.get("shared/name.txt"));
    writeEntry(second, "shared/name.txt", secondFiles.get("shared/name.txt"));
    writeEntry(first, "only-first.txt", firstFiles.get("only-first.txt"));

    StoredCopy secondCopy = second.commit(manifestOf(secondFiles));
    StoredCopy firstCopy = first.commit(manifestOf(firstFiles));

    assertThat(firstCopy.location()).isNotEqualTo(secondCopy.location());
    assertThat(read(target, firstCopy.location(), "shared/name.txt")).isEqualTo(bytes("first"));
    assertThat(read(target, secondCopy.location(), "shared/name.txt")).isEqualTo(bytes("second, longer"));
    assertThat(target.verify(firstCopy.location(), manifestOf(firstFiles)).problems()).isEmpty();
    assertThat(target.verify(secondCopy.location(), manifestOf(secondFiles)).problems()).isEmpty();
  }

  @Test
  void immutableCopiesCannotBeDeletedBeforeTheirLockDate() throws IOException {
    Optional<BackupTarget> created = createImmutableTarget(Files.createDirectories(temp.resolve("immutable-target")), clock);
    if (created.isEmpty()) {
      // no immutability: the target must not claim it
      assertThat(target.capabilities().immutable()).as("capabilities().immutable()").isFalse();
      return;
    }
    BackupTarget locking = open(created.get());
    assertThat(locking.capabilities().immutable()).as("capabilities().immutable()").isTrue();
    Written copy = write(locking, standardTree());

    Instant until = copy.stored().immutableUntil().orElseThrow(() -> new AssertionError("commit reported no lock"));
    assertThat(until).isAfter(clock.instant());
    assertThat(locking.lockedUntil(copy.location())).as("lock read back from the medium")
        .hasValueSatisfying(readBack -> assertThat(readBack).isCloseTo(until, within(1, ChronoUnit.SECONDS)));

    assertThat(catchThrowable(() -> locking.delete(copy.location()))).as("rule: deletion is refused while locked")
        .isInstanceOf(CopyLockedException.class)
        .satisfies(e -> assertThat(((CopyLockedException) e).lockedUntil()).isCloseTo(until, within(1, ChronoUnit.SECONDS)));
    assertThat(locking.verify(copy.location(), copy.manifest()).problems()).as("copy after the refused delete").isEmpty();

    passLockDate(until);
    assertThat(locking.lockedUntil(copy.location()))
        .as("rule: lockedUntil of an expired lock returns the lock's (past) instant while the medium records it")
        .hasValueSatisfying(readBack -> assertThat(readBack).isCloseTo(until, within(1, ChronoUnit.SECONDS)));
    locking.delete(copy.location());

    assertThatThrownBy(() -> locking.openRead(copy.location(), "top.txt")).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aLockingTargetLocksAtLeastUntilTheRequestedRetainUntil() throws IOException {
    Optional<BackupTarget> created = createImmutableTarget(Files.createDirectories(temp.resolve("immutable-target")), clock);
    if (created.isEmpty()) {
      return; // a target without locks ignores WriteRequest.retainUntil (checked by aTargetWithoutLocksReportsNone)
    }
    BackupTarget locking = open(created.get());
    Instant requested = clock.instant().plus(Duration.ofDays(3650)).truncatedTo(ChronoUnit.SECONDS);
    Written copy = write(locking, request().withRetainUntil(requested), Map.of("f.txt", bytes("f")));

    Instant until = copy.stored().immutableUntil().orElseThrow(() -> new AssertionError("commit reported no lock"));
    assertThat(until).as("rule: a locking target locks each copy at least until WriteRequest.retainUntil")
        .isAfterOrEqualTo(requested);
    assertThat(locking.lockedUntil(copy.location())).as("lock read back from the medium")
        .hasValueSatisfying(readBack -> assertThat(readBack).isAfterOrEqualTo(requested.minusSeconds(1)));
    assertThat(catchThrowable(() -> locking.delete(copy.location()))).as("rule: deletion is refused while locked")
        .isInstanceOf(CopyLockedException.class);
    assertThat(locking.list(copy.location())).as("files after the refused delete")
        .isEqualTo(listsFiles() ? List.of("f.txt") : List.of());
  }

  @Test
  void uncommittedDataIsNeverVisible() throws IOException {
    WriteRequest request = request();
    WriteSession unfinished = target.openWrite(request);
    writeEntry(unfinished, "uncommitted/only.txt", bytes("not committed"));
    writeEntry(unfinished, "same-name.txt", bytes("from the uncommitted session"));

    // a second attempt of the same execution (a takeover) commits while the first is still open
    Written committed = write(target, request, Map.of("same-name.txt", bytes("committed")));
    assertUnfinishedInvisible(committed, "uncommitted/only.txt", "before commit");

    unfinished.abort();
    assertUnfinishedInvisible(committed, "uncommitted/only.txt", "after abort of the other session");
  }

  @Test
  void aCrashBetweenWritesAndCommitLeavesNothingServed() throws IOException {
    WriteRequest request = request();
    WriteSession crashed = target.openWrite(request);
    writeEntry(crashed, "crashed/only.txt", bytes("written, never committed"));
    writeEntry(crashed, "same-name.txt", bytes("from the crashed attempt"));
    // the process dies here: neither commit nor abort; a fresh target instance takes over the directory
    BackupTarget restarted = open(createTarget(targetDir));

    Written retry = write(restarted, request, Map.of("same-name.txt", bytes("committed")));

    assertThat(read(restarted, retry.location(), "same-name.txt"))
        .as("rule: atomic commit - a crash between writes and commit leaves nothing served; content of same-name.txt")
        .isEqualTo(bytes("committed"));
    assertThat(catchThrowable(() -> restarted.openRead(retry.location(), "crashed/only.txt")))
        .as("rule: atomic commit - a crash between writes and commit leaves nothing served; openRead(crashed/only.txt)")
        .isInstanceOf(NoSuchFileException.class);
    assertThat(restarted.list(retry.location()))
        .as("rule: atomic commit - a crash between writes and commit leaves nothing listed")
        .isEqualTo(listsFiles() ? List.of("same-name.txt") : List.of());
  }

  @Test
  void sessionsOnSeveralThreadsAtOnceWriteIndependentCopies() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Written>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Map<String, byte[]> files = threadTree(i);
        futures.add(pool.submit(() -> {
          start.await();
          return write(target, files);
        }));
      }
      start.countDown();
      List<String> locations = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Written copy = futures.get(i).get(60, TimeUnit.SECONDS);
        locations.add(copy.location());
        for (Map.Entry<String, byte[]> file : threadTree(i).entrySet()) {
          assertThat(read(target, copy.location(), file.getKey()))
              .as("rule: thread safety - copy %d written concurrently, file %s", i, file.getKey()).isEqualTo(file.getValue());
        }
        assertThat(target.verify(copy.location(), copy.manifest()).problems())
            .as("rule: thread safety - verify of copy %d written concurrently", i).isEmpty();
      }
      assertThat(locations).as("rule: each session commits its own location").doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void locationsThatAreNotTheTargetsOwnAreRefused() throws IOException {
    Written own = write(target, Map.of("own.txt", bytes("own")));
    BackupTarget other = open(createTarget(Files.createDirectories(temp.resolve("other-target"))));
    Written foreign = write(other, Map.of("foreign.txt", bytes("foreign")));
    Files.writeString(outsideDir.resolve("evil"), "outside every target");

    List<String> notOwn = List.of(foreign.location(), outsideDir.toAbsolutePath().toString(), "/etc",
        "no such location", own.location() + "/../..");
    for (String location : notOwn) {
      String rule = "rule: the location is yours - %s(" + location + ") must throw ForeignLocationException";
      assertThat(catchThrowable(() -> target.openRead(location, "foreign.txt").close())).as(rule, "openRead")
          .isInstanceOf(ForeignLocationException.class);
      assertThat(catchThrowable(() -> target.openRead(location, "evil").close())).as(rule, "openRead")
          .isInstanceOf(ForeignLocationException.class);
      assertThat(catchThrowable(() -> target.list(location))).as(rule, "list").isInstanceOf(ForeignLocationException.class);
      Throwable lockRefusal = catchThrowable(() -> assertThat(target.lockedUntil(location))
          .as("rule: the location is yours - lockedUntil(" + location + ") reports no lock for a foreign location").isEmpty());
      if (lockRefusal instanceof AssertionError failed) {
        throw failed;
      }
      assertThat(lockRefusal).as("rule: the location is yours - lockedUntil(" + location + ") throws"
          + " ForeignLocationException or reports no lock").satisfiesAnyOf(
          e -> assertThat(e).isNull(), e -> assertThat(e).isInstanceOf(ForeignLocationException.class));
      assertThat(catchThrowable(() -> target.delete(location))).as(rule, "delete").isInstanceOf(ForeignLocationException.class);
    }
    assertThat(read(other, foreign.location(), "foreign.txt")).as("the other target's copy after the refused delete")
        .isEqualTo(bytes("foreign"));
    assertThat(outsideDir.resolve("evil")).as("a file outside every target after the refused delete").exists();
    assertThat(read(target, own.location(), "own.txt")).isEqualTo(bytes("own"));
  }

  private void assertUnfinishedInvisible(Written committed, String unfinishedOnly, String when) throws IOException {
    assertThat(read(target, committed.location(), "same-name.txt"))
        .as("rule: atomic commit - nothing of a copy is visible %s; content of same-name.txt", when)
        .isEqualTo(bytes("committed"));
    assertThat(catchThrowable(() -> target.openRead(committed.location(), unfinishedOnly)))
        .as("rule: atomic commit - nothing of a copy is visible %s; openRead(%s)", when, unfinishedOnly)
        .isInstanceOf(NoSuchFileException.class);
    assertThat(target.list(committed.location()))
        .as("rule: atomic commit - nothing of a copy is visible %s; list", when)
        .isEqualTo(listsFiles() ? List.of("same-name.txt") : List.of());
    assertThat(target.verify(committed.location(), committed.manifest()).problems())
        .as("rule: atomic commit - verify of the committed copy %s", when).isEmpty();
  }

  private static Map<String, byte[]> threadTree(int i) {
    byte[] big = new byte[256 * 1024 + i];
    new Random(i).nextBytes(big);
    return Map.of("shared/name.txt", bytes("thread " + i), "big-" + i + ".bin", big);
  }

  // ---- helpers available to subclasses ----

  /** A copy written by the kit, with the manifest it committed. */
  protected record Written(StoredCopy stored, Manifest manifest) {
    /** The copy's location. */
    public String location() {
      return stored.location();
    }
  }

  /** Writes {@code files} as one new copy through {@code target} and commits it. */
  protected Written write(BackupTarget target, Map<String, byte[]> files) throws IOException {
    return write(target, request(), files);
  }

  /** Writes {@code files} as the copy of {@code request} and commits it. */
  protected Written write(BackupTarget target, WriteRequest request, Map<String, byte[]> files) throws IOException {
    WriteSession session = target.openWrite(request);
    try {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        writeEntry(session, file.getKey(), file.getValue());
      }
      Manifest manifest = manifestOf(files);
      return new Written(session.commit(manifest), manifest);
    } catch (IOException | RuntimeException | Error e) {
      session.abort();
      throw e;
    }
  }

  /** A request for a new execution of one job. */
  protected WriteRequest request() {
    return new WriteRequest(new JobId(UUID.randomUUID()), "contract job / ünïcode", new ExecutionId(UUID.randomUUID()),
        "primary", clock.instant());
  }

  /** Writes one entry the way a caller might: odd chunk sizes, and single bytes for small files. */
  protected static void writeEntry(WriteSession session, String path, byte[] content) throws IOException {
    try (OutputStream out = session.openEntry(path, content.length)) {
      if (content.length < 64) {
        for (byte b : content) {
          out.write(b);
        }
        return;
      }
      for (int off = 0; off < content.length; off += 100_003) {
        out.write(content, off, Math.min(100_003, content.length - off));
      }
    }
  }

  /** Reads one file of a copy fully. */
  protected static byte[] read(BackupTarget target, String location, String path) throws IOException {
    try (InputStream in = target.openRead(location, path)) {
      return in.readAllBytes();
    }
  }

  /** The manifest of {@code files}. */
  protected static Manifest manifestOf(Map<String, byte[]> files) {
    return new Manifest(files.entrySet().stream()
        .map(f -> new ManifestEntry(f.getKey(), f.getValue().length, sha256(f.getValue()))).toList());
  }

  /** Lowercase hex SHA-256. */
  protected static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** UTF-8 bytes. */
  protected static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Every non-directory below {@code dir} (empty if it does not exist). */
  protected static List<Path> filesBelow(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !Files.isDirectory(p)).toList();
    }
  }

  /** The target under test, as made by {@link #createTarget}. */
  protected BackupTarget target() {
    return target;
  }

  /** The directory handed to {@link #createTarget}. */
  protected Path targetDir() {
    return targetDir;
  }

  private List<String> escapingWritePaths() {
    return List.of("../x", "a/../../x", "..", "..\\x", "a\\..\\..\\x", "sub\\file.txt",
        outsideDir.resolve("evil").toAbsolutePath().toString());
  }

  private BackupTarget open(BackupTarget t) {
    opened.add(t);
    return t;
  }

  /** A clock tests set by hand; what one thread sets, every thread sees. */
  public static final class ManualClock extends Clock {
    private volatile Instant now;

    /** Starts at {@code start}. */
    public ManualClock(Instant start) {
      this.now = start;
    }

    /** Moves to {@code instant} (backwards too). */
    public void set(Instant instant) {
      now = instant;
    }

    /** Moves forward by {@code amount}. */
    public void advance(Duration amount) {
      now = now.plus(amount);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    /** A view in another zone that follows this clock's instant. */
    @Override
    public Clock withZone(ZoneId zone) {
      ManualClock source = this;
      return new Clock() {
        @Override
        public Instant instant() {
          return source.instant();
        }

        @Override
        public ZoneId getZone() {
          return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
          return source.withZone(other);
        }
      };
    }
  }
}
