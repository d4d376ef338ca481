package dev.bms.testkit.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.bms.spi.BackupTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the kit against targets broken on purpose and checks that it fails them, naming the broken
 * rule, and that it passes a correct target (so the new tests are not simply too strict).
 */
class KitCatchesBrokenTargetsTest {

  @Test
  void aCorrectTargetPassesTheWholeKit() {
    Map<String, String> failures = run(CorrectKit.class);

    assertThat(failures).isEmpty();
  }

  @Test
  void aTargetWritingInPlaceFailsOnAtomicCommitAndForeignLocations() {
    Map<String, String> failures = run(WritesInPlaceKit.class);

    assertThat(failures).containsKeys("uncommittedDataIsNeverVisible()", "aCrashBetweenWritesAndCommitLeavesNothingServed()",
        "locationsThatAreNotTheTargetsOwnAreRefused()");
    assertThat(failures.get("uncommittedDataIsNeverVisible()")).contains("rule: atomic commit");
    assertThat(failures.get("aCrashBetweenWritesAndCommitLeavesNothingServed()")).contains("rule: atomic commit")
        .contains("crash between writes and commit");
    assertThat(failures.get("locationsThatAreNotTheTargetsOwnAreRefused()")).contains("rule: the location is yours")
        .contains("ForeignLocationException");
  }

  @Test
  void aTargetServingForeignLocationsFailsOnlyThatRule() {
    Map<String, String> failures = run(ServesAnyLocationKit.class);

    assertThat(failures).containsOnlyKeys("locationsThatAreNotTheTargetsOwnAreRefused()");
    assertThat(failures.get("locationsThatAreNotTheTargetsOwnAreRefused()")).contains("rule: the location is yours");
  }

  /** Test display name to failure message, for every failed test of the kit run against {@code kit}. */
  private static Map<String, String> run(Class<?> kit) {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kit)).build(), listener);
    TestExecutionSummary summary = listener.getSummary();
    assertThat(summary.getTestsStartedCount()).as("kit tests run against %s", kit.getSimpleName()).isGreaterThan(15);
    Map<String, String> failures = new TreeMap<>();
    for (TestExecutionSummary.Failure f : summary.getFailures()) {
      failures.put(f.getTestIdentifier().getDisplayName(), String.valueOf(f.getException()));
    }
    return failures;
  }

  /** Run only through {@link #run}: surefire skips the tag (see the pom), the broken ones must fail. */
  @Tag("kit-under-test")
  abstract static class DirKit extends BackupTargetContract {
    abstract DirTarget.Flaw flaw();

    @Override
    protected BackupTarget createTarget(Path dir) {
      return new DirTarget(dir, flaw());
    }

    @Override
    protected void flipOneByte(BackupTarget target, String location, String path) throws IOException {
      Path file = Path.of(location, path);
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length / 2] ^= 0x01;
      Files.write(file, bytes);
    }

    @Override
    protected void removeStoredFile(BackupTarget target, String location, String path) throws IOException {
      Files.delete(Path.of(location, path));
    }
  }

  static class CorrectKit extends DirKit {
    @Override
    DirTarget.Flaw flaw() {
      return DirTarget.Flaw.NONE;
    }
  }

  static class WritesInPlaceKit extends DirKit {
    @Override
    DirTarget.Flaw flaw() {
      return DirTarget.Flaw.WRITES_IN_PLACE;
    }
  }

  static class ServesAnyLocationKit extends DirKit {
    @Override
    DirTarget.Flaw flaw() {
      return DirTarget.Flaw.SERVES_ANY_LOCATION;
    }
  }
}
