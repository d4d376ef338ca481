package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.BackupManager;
import dev.bms.api.CapabilityMissingException;
import dev.bms.api.ExecutionTokenException;
import dev.bms.api.health.ComponentHealth;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.ReportedRun;
import dev.bms.api.model.JobId;
import dev.bms.api.model.VerificationLevel;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageCapability;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optional storage features are capabilities a storage declares ({@code Optional} stores): a
 * storage with only the required stores runs jobs with the manager, which switches off what needs a
 * missing store and refuses calls that need one with a {@link CapabilityMissingException}.
 */
class StorageCapabilitiesTest {
  @TempDir
  Path dir;

  @Test
  void jdbcStorageHasEveryCapability() {
    try (JdbcStorage storage = JdbcStorage.embedded(dir.resolve("db"))) {
      assertThat(storage.capabilities()).isEqualTo(EnumSet.allOf(StorageCapability.class));
      for (StorageCapability c : StorageCapability.values()) {
        assertThat(c.store(storage)).as(c.name()).isPresent();
      }
    }
  }

  @Test
  void aStorageWithOnlyTheRequiredStoresRunsJobsAndReportsWhatItLacks() throws IOException {
    Storage storage = new RequiredStoresOnly(JdbcStorage.embedded(dir.resolve("db")));
    assertThat(storage.capabilities()).isEmpty();
    assertThat(storage.scheduler()).isEmpty();
    assertThat(storage.retention()).isEmpty();

    try (BackupManager bms = Bms.builder().storage(storage).meterRegistry(new SimpleMeterRegistry())
        .instanceId("bare").pollInterval(Duration.ofMillis(100)).build()) {
      bms.start();
      assertThat(bms.health().scheduler().state()).isEqualTo(ComponentHealth.State.DISABLED);

      JobId id = bms.jobs().create(BackupJob.builder("bare-files")
          .source("directory", Map.of("path", TestBms.sampleTree(dir.resolve("src")).toString()))
          .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("target"))))
          .build());
      // runs in the calling thread; retention after the run and lock proofs are skipped, not failed
      Execution run = bms.executions().runNow(id);
      assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(bms.executions().get(run.id())).hasValueSatisfying(e -> assertThat(e.status())
          .isEqualTo(ExecutionStatus.SUCCEEDED));

      // a reported run needs no scheduler store: its token's hash goes in with the execution
      ReportedRun reported = bms.executions().begin(id);
      assertThat(storage.executions().reportTokenHash(reported.id())).isPresent();
      assertThatThrownBy(() -> bms.executions().heartbeat(reported.id(), bms.executions().begin(id).token(), 1))
          .isInstanceOf(ExecutionTokenException.class);
      assertThat(bms.executions().heartbeat(reported.id(), reported.token(), 7).progressBytes()).isEqualTo(7);
      assertThat(bms.executions().fail(reported.id(), reported.token(), "tool failed").status())
          .isEqualTo(ExecutionStatus.FAILED);

      assertMissing(() -> bms.executions().submit(id), StorageCapability.SCHEDULER);
      assertMissing(() -> bms.retention().preview(id), StorageCapability.RETENTION);
      assertMissing(() -> bms.compliance().evaluate(id), StorageCapability.COMPLIANCE);
      assertMissing(() -> bms.verifications().verify(run.id(), VerificationLevel.CHECKSUM),
          StorageCapability.VERIFICATIONS);
      assertMissing(() -> bms.approvals().list(dev.bms.api.approval.ApprovalFilter.all(),
          dev.bms.api.model.PageRequest.first(10)), StorageCapability.APPROVALS);
    }
    // four-eyes approval keeps its requests in the storage: without the store the builder refuses it
    assertThatThrownBy(() -> Bms.builder().storage(storage).meterRegistry(new SimpleMeterRegistry())
        .fourEyes(dev.bms.api.approval.FourEyesPolicy.defaults()).build())
        .isInstanceOf(dev.bms.api.InvalidConfigException.class).hasMessageContaining("fourEyes")
        .hasMessageContaining("APPROVALS");
  }

  private static void assertMissing(ThrowingCallable call, StorageCapability capability) {
    assertThatThrownBy(call).isInstanceOfSatisfying(CapabilityMissingException.class,
        e -> assertThat(e.capability()).isEqualTo(capability))
        .hasMessageContaining(capability.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** A storage declaring none of the optional stores: the jobs, executions and alerts of another. */
  private static final class RequiredStoresOnly extends AuditFixtures.ForwardingStorage {
    RequiredStoresOnly(Storage delegate) {
      super(delegate, java.util.Set.of());
    }

    @Override
    public String describe() {
      return "required stores only of " + delegate.describe();
    }
  }
}
