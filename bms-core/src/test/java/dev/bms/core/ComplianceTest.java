package dev.bms.core;

import dev.bms.testkit.time.MutableClock;
import static dev.bms.api.model.ComplianceStatus.FAIL;
import static dev.bms.api.model.ComplianceStatus.PASS;
import static dev.bms.api.model.ComplianceStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.ComplianceEvaluatedEvent;
import dev.bms.api.event.VerificationFinishedEvent;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.ImmutabilityPolicy;
import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RuleResult;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.ReportedRun;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs that pass and fail each 3-2-1-1-0 digit for the right reason, on real targets and storage. */
class ComplianceTest {
  @TempDir
  Path dir;
  final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
  final List<BmsEvent> events = new ArrayList<>();
  BackupManager bms;
  Path source;

  @BeforeEach
  void start() throws Exception {
    bms = TestBms.builder(dir, new SimpleMeterRegistry()).plugin(new LabPlugin()).clock(clock).build();
    bms.start();
    bms.subscribe(events::add);
    source = TestBms.sampleTree(dir.resolve("src"));
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  private CopySpec fs(String name, String mediaType, String domain, int immutableDays) {
    Map<String, String> config = new HashMap<>(TestBms.fsTarget(dir.resolve("t-" + name)));
    config.put("mediaType", mediaType);
    config.put("failureDomain", domain);
    config.put("fsync", "false");
    if (immutableDays > 0) {
      config.put("immutableDays", Integer.toString(immutableDays));
    }
    return CopySpec.target("filesystem", config).named(name);
  }

  private static CopySpec lab(String name, Map<String, String> config) {
    return CopySpec.target("lab", config).named(name);
  }

  private JobId job(String name, CopySpec... copies) {
    BackupJob.Builder b = BackupJob.builder(name).source("directory", Map.of("path", source.toString()));
    for (CopySpec c : copies) {
      b.copy(c);
    }
    return bms.jobs().create(b.build());
  }

  private static RuleResult rule(JobCompliance c, String id) {
    return c.result(id).orElseThrow();
  }

  @Test
  void threeProvenCopiesOnTwoMediaWithOneOffsiteLockedAndVerifiedPassEveryDigit() {
    JobId id = job("gold",
        fs("local", "LOCAL_DISK", "site:a", 0),
        fs("nas", "NETWORK_SHARE", "site:b", 30),
        lab("cloud", LabPlugin.lab("OBJECT_STORAGE", "region:eu", true, true, false, "valid")));
    Execution run = bms.executions().runNow(id);
    assertThat(bms.verifications().verify(run.id(), VerificationLevel.CHECKSUM).passed()).isTrue();

    JobCompliance c = bms.compliance().evaluate(id);

    assertThat(c.results()).extracting(RuleResult::ruleId)
        .containsExactly("3-copies", "2-media", "1-offsite", "1-immutable", "0-errors", "test-custom-label");
    assertThat(c.results()).allSatisfy(r -> assertThat(r.status()).as(r.ruleId() + ": " + r.reason()).isEqualTo(PASS));
    assertThat(c.status()).isEqualTo(PASS);
    assertThat(c.restorePoint()).contains(run.id());
    assertThat(rule(c, "3-copies").countedCopies()).containsExactly("local", "nas", "cloud");
    assertThat(rule(c, "1-offsite").countedCopies()).containsExactly("cloud");
    // the filesystem lock (read-only directory + lock file) and the lab lock were both read back
    assertThat(rule(c, "1-immutable").countedCopies()).containsExactly("nas", "cloud");
    assertThat(rule(c, "1-immutable").reason()).contains("lock read back");
    assertThat(rule(c, "0-errors").countedCopies()).containsExactly("local", "nas", "cloud");
    assertThat(events).filteredOn(e -> e instanceof ComplianceEvaluatedEvent).hasSize(1);
    assertThat(events).filteredOn(e -> e instanceof VerificationFinishedEvent).hasSize(1);
  }

  @Test
  void twoCopiesOnOneMediumOnsiteAndUnlockedFailTheCopyDigits() {
    JobId id = job("thin", fs("a", "LOCAL_DISK", "site:a", 0), fs("b", "LOCAL_DISK", "site:a", 0));
    bms.executions().runNow(id);

    JobCompliance c = bms.compliance().evaluate(id);

    assertThat(rule(c, "3-copies").status()).isEqualTo(FAIL);
    assertThat(rule(c, "3-copies").reason()).contains("2 copies counted (a, b)", "requires 3");
    assertThat(rule(c, "2-media").status()).isEqualTo(FAIL);
    assertThat(rule(c, "2-media").reason()).contains("1 media types", "LOCAL_DISK");
    assertThat(rule(c, "1-offsite").status()).isEqualTo(FAIL);
    assertThat(rule(c, "1-immutable").status()).isEqualTo(FAIL);
    assertThat(rule(c, "0-errors").status()).isEqualTo(UNKNOWN);
    assertThat(rule(c, "0-errors").reason()).contains("never verified");
    assertThat(c.status()).isEqualTo(FAIL);

    // production data counted as a copy (a documented option) makes three
    bms.compliance().setPolicy(id, CompliancePolicy.defaults().withCountProductionData(true));
    RuleResult three = rule(bms.compliance().evaluate(id), "3-copies");
    assertThat(three.status()).isEqualTo(PASS);
    assertThat(three.countedCopies()).containsExactly("a", "b", "production");
  }

  @Test
  void twoMediaInOneFailureDomainFailOnlyWhenDistinctDomainsAreRequired() {
    JobId id = job("one-site", fs("disk", "LOCAL_DISK", "site:a", 0), fs("nas", "NETWORK_SHARE", "site:a", 0),
        fs("usb", "LOCAL_DISK", "site:b", 0));
    bms.executions().runNow(id);
    assertThat(rule(bms.compliance().evaluate(id), "2-media").status()).isEqualTo(PASS);

    bms.compliance().setDefaultPolicy(CompliancePolicy.defaults().withDistinctFailureDomains(true));
    // disk and usb share a medium, disk and nas a domain; nas + usb is a valid pair (a matching of 2)
    RuleResult media = rule(bms.compliance().evaluate(id), "2-media");
    assertThat(media.status()).isEqualTo(PASS);
    assertThat(media.countedCopies()).containsExactlyInAnyOrder("nas", "usb");

    JobId sameSite = job("same-site", fs("d2", "LOCAL_DISK", "site:a", 0), fs("n2", "NETWORK_SHARE", "site:a", 0));
    bms.executions().runNow(sameSite);
    RuleResult failing = rule(bms.compliance().evaluate(sameSite), "2-media");
    assertThat(failing.status()).isEqualTo(FAIL);
    assertThat(failing.reason()).contains("distinct failure domains");
  }

  @Test
  void aCopyThatClaimsImmutabilityButCannotProveItIsNeverCounted() {
    JobId unproven = job("claims", fs("local", "LOCAL_DISK", "site:a", 0),
        lab("cloud", LabPlugin.lab("OBJECT_STORAGE", "region:eu", true, true, false, "none")));
    bms.executions().runNow(unproven);
    RuleResult claimed = rule(bms.compliance().evaluate(unproven), "1-immutable");
    assertThat(claimed.status()).isEqualTo(FAIL);
    assertThat(claimed.countedCopies()).isEmpty();
    assertThat(claimed.unprovenCopies()).containsExactly("cloud");
    assertThat(claimed.reason()).contains("cloud claims a lock but the medium reported none");

    JobId expired = job("expired", lab("old", LabPlugin.lab("OBJECT_STORAGE", "region:eu", true, true, false, "expired")));
    bms.executions().runNow(expired);
    RuleResult stale = rule(bms.compliance().evaluate(expired), "1-immutable");
    assertThat(stale.status()).isEqualTo(FAIL);
    assertThat(stale.unprovenCopies()).containsExactly("old");
    assertThat(stale.reason()).contains("expired at");

    // a reported backup: the lock was never read back from the medium, so bms cannot tell
    JobId reported = job("reported", lab("vault", LabPlugin.lab("OBJECT_STORAGE", "region:eu", true, true, false, "valid")));
    ReportedRun begun = bms.executions().begin(reported);
    bms.executions().complete(begun.id(), begun.token(), List.of(CopyResult.succeeded("vault", 10, 1, Duration.ofSeconds(1), "ab".repeat(32))));
    RuleResult unknown = rule(bms.compliance().evaluate(reported), "1-immutable");
    assertThat(unknown.status()).isEqualTo(UNKNOWN);
    assertThat(unknown.unprovenCopies()).containsExactly("vault");
    assertThat(unknown.reason()).contains("never read back");
  }

  @Test
  void offlineCopiesCountUnlessThePolicyRequiresLocks() {
    JobId id = job("tape", fs("local", "LOCAL_DISK", "site:a", 30),
        lab("tape", LabPlugin.lab("TAPE", "vault:x", true, false, true, "none")));
    bms.executions().runNow(id);

    RuleResult either = rule(bms.compliance().evaluate(id), "1-immutable");
    assertThat(either.status()).isEqualTo(PASS);
    assertThat(either.countedCopies()).containsExactly("local", "tape");
    assertThat(either.reason()).contains("air-gapped");

    bms.compliance().setPolicy(id, CompliancePolicy.defaults().withImmutability(ImmutabilityPolicy.OFFLINE_ONLY).withMinImmutable(2));
    RuleResult offlineOnly = rule(bms.compliance().evaluate(id), "1-immutable");
    assertThat(offlineOnly.status()).isEqualTo(FAIL);
    assertThat(offlineOnly.countedCopies()).containsExactly("tape");

    bms.compliance().setPolicy(id, CompliancePolicy.defaults().withImmutability(ImmutabilityPolicy.IMMUTABLE_ONLY).withMinImmutable(2));
    RuleResult locksOnly = rule(bms.compliance().evaluate(id), "1-immutable");
    assertThat(locksOnly.status()).isEqualTo(FAIL);
    assertThat(locksOnly.countedCopies()).containsExactly("local");
  }

  @Test
  void enforcedOnlyPoliciesCountEnforcedLocksAndNameTheAdvisoryOnesNotCounted() {
    JobId id = job("worm", fs("nas", "NETWORK_SHARE", "site:b", 30),
        lab("worm", LabPlugin.lab("OBJECT_STORAGE", "region:eu", true, true, false, "valid",
            dev.bms.spi.LockEnforcement.ENFORCED)));
    bms.executions().runNow(id);

    RuleResult byDefault = rule(bms.compliance().evaluate(id), "1-immutable");
    assertThat(byDefault.status()).isEqualTo(PASS);
    assertThat(byDefault.countedCopies()).containsExactly("nas", "worm");
    assertThat(byDefault.reason()).contains("nas (advisory lock read back", "worm (enforced lock read back");

    bms.compliance().setPolicy(id, CompliancePolicy.defaults().withImmutability(ImmutabilityPolicy.ENFORCED_ONLY));
    RuleResult enforced = rule(bms.compliance().evaluate(id), "1-immutable");
    assertThat(enforced.status()).isEqualTo(PASS);
    assertThat(enforced.countedCopies()).containsExactly("worm");
    assertThat(enforced.unprovenCopies()).containsExactly("nas");
    assertThat(enforced.reason()).contains("nas's lock", "is advisory; ENFORCED_ONLY requires an enforced lock");

    bms.compliance().setPolicy(id, CompliancePolicy.defaults().withImmutability(ImmutabilityPolicy.ENFORCED_OR_OFFLINE)
        .withMinImmutable(2));
    RuleResult two = rule(bms.compliance().evaluate(id), "1-immutable");
    assertThat(two.status()).isEqualTo(FAIL);
    assertThat(two.countedCopies()).containsExactly("worm");
  }

  @Test
  void aCorruptedCopyFailsBothVerificationsAndTheZeroDigitUntilALaterVerificationPasses() throws Exception {
    JobId id = job("zero", fs("primary", "LOCAL_DISK", "site:a", 0), fs("secondary", "NETWORK_SHARE", "site:b", 0));
    Execution run = bms.executions().runNow(id);
    bms.verifications().verify(run.id(), VerificationLevel.CHECKSUM);
    assertThat(rule(bms.compliance().evaluate(id), "0-errors").status()).isEqualTo(PASS);

    Path stored = file(run, "secondary", "big.bin");
    byte[] original = Files.readAllBytes(stored);
    byte[] corrupted = original.clone();
    corrupted[4321] ^= 0x10;
    Files.write(stored, corrupted);

    for (VerificationLevel level : VerificationLevel.values()) {
      clock.advance(Duration.ofMinutes(1));
      Verification check = bms.verifications().verify(run.id(), level);
      assertThat(check.passed()).as(level.name()).isFalse();
      assertThat(check.copies()).filteredOn(c -> c.copyName().equals("secondary")).singleElement()
          .satisfies(c -> assertThat(c.report().problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("a/b/big.bin");
            assertThat(p.kind()).isEqualTo(IntegrityProblem.Kind.CHECKSUM_MISMATCH);
          }));
      RuleResult zero = rule(bms.compliance().evaluate(id), "0-errors");
      assertThat(zero.status()).isEqualTo(FAIL);
      assertThat(zero.reason()).contains(level.name(), "failed", "copy secondary", "a/b/big.bin");
    }
    // the evidence is stored, newest first
    assertThat(bms.verifications().history(id, 10)).extracting(v -> v.passed()).containsExactly(false, false, true);

    Files.write(stored, original);
    clock.advance(Duration.ofMinutes(1));
    assertThat(bms.verifications().verify(run.id(), VerificationLevel.CHECKSUM).passed()).isTrue();
    assertThat(rule(bms.compliance().evaluate(id), "0-errors").status()).isEqualTo(PASS);

    // a policy that wants restore tests still sees the failed restore test ...
    bms.compliance().setPolicy(id, CompliancePolicy.defaults().withVerification(VerificationLevel.RESTORE_TEST, Duration.ofDays(7)));
    assertThat(rule(bms.compliance().evaluate(id), "0-errors").status()).isEqualTo(FAIL);
    // ... until a restore test passes
    clock.advance(Duration.ofMinutes(1));
    assertThat(bms.verifications().verify(run.id(), VerificationLevel.RESTORE_TEST).passed()).isTrue();
    assertThat(rule(bms.compliance().evaluate(id), "0-errors").status()).isEqualTo(PASS);

    // and it goes stale after the window
    clock.advance(Duration.ofDays(8));
    RuleResult stale = rule(bms.compliance().evaluate(id), "0-errors");
    assertThat(stale.status()).isEqualTo(FAIL);
    assertThat(stale.reason()).contains("older than the window");
  }

  @Test
  void aStaleRestorePointCountsNoCopies() {
    JobId id = bms.jobs().create(BackupJob.builder("rpo").source("directory", Map.of("path", source.toString()))
        .copy(fs("a", "LOCAL_DISK", "site:a", 0)).rpo(Duration.ofHours(26)).build());
    bms.executions().runNow(id);
    assertThat(rule(bms.compliance().evaluate(id), "3-copies").reason()).contains("1 copies counted");

    clock.advance(Duration.ofHours(27));
    RuleResult copies = rule(bms.compliance().evaluate(id), "3-copies");
    assertThat(copies.status()).isEqualTo(FAIL);
    assertThat(copies.reason()).contains("maximum restore point age PT26H");

    JobId never = job("never-run", fs("n", "LOCAL_DISK", "site:a", 0));
    assertThat(bms.compliance().evaluate(never).results()).filteredOn(r -> !r.ruleId().startsWith("test"))
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(UNKNOWN));
  }

  @Test
  void customRulesFoundByServiceLoaderAreEvaluated() {
    JobId id = bms.jobs().create(BackupJob.builder("custom").label("custom-rule", "fail")
        .source("directory", Map.of("path", source.toString())).copy(fs("a", "LOCAL_DISK", "site:a", 0)).build());
    JobCompliance c = bms.compliance().evaluate(id);
    assertThat(rule(c, "test-custom-label").status()).isEqualTo(FAIL);
    assertThat(c.status()).isEqualTo(FAIL);

    List<JobCompliance> all = bms.compliance().evaluateAll();
    assertThat(all).extracting(JobCompliance::jobId).containsExactly(id);
  }

  private static Path file(Execution run, String copy, String name) throws Exception {
    Path location = Path.of(run.copy(copy).orElseThrow().location().orElseThrow());
    try (Stream<Path> files = Files.walk(location)) {
      Path stored = files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
      stored.toFile().setWritable(true);
      return stored;
    }
  }

  static boolean succeeded(Execution e) {
    return e.status() == ExecutionStatus.SUCCEEDED;
  }
}
