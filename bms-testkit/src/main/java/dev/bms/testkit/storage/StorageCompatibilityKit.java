package dev.bms.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageCapability;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The compatibility kit every {@link Storage} passes: one abstract test class whose
 * {@code @Nested} groups check one store each (Micrometer's {@code MeterRegistryCompatibilityKit}
 * has this shape). Extend it once per storage implementation:
 *
 * <pre>{@code
 * class MyStorageCompatibilityTest extends StorageCompatibilityKit {
 *   @Override
 *   protected Storage createStorage() {
 *     Storage s = new MyStorage(...);   // its own database, schema or key prefix
 *     s.start();
 *     return s;
 *   }
 *
 *   @Override
 *   protected void deleteAll(Storage storage) {
 *     ...                               // empty every table / key the storage writes
 *   }
 *
 *   @Override
 *   protected Set<StorageCapability> declaredCapabilities() {
 *     return EnumSet.of(StorageCapability.SCHEDULER);   // the optional stores MyStorage has
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #createStorage()} runs once per test class (so a schema is migrated once), and
 * {@link #deleteAll} before every test; the kit closes the storage after the last test. A group
 * for an optional store the storage lacks is skipped through {@link Storage#capabilities()},
 * and the skip names the missing capability; {@link #declaredCapabilities()} makes the lack
 * deliberate, so a store that disappears by mistake fails instead of skipping quietly.
 *
 * <p>A vendor may add groups of its own as {@code @Nested} classes of its subclass: extend
 * {@link StoreChecks} and return {@link #storage()} from {@code storageUnderTest()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StorageCompatibilityKit {
  private Storage storage;

  /** A started, empty storage of the implementation under test; called once per test class. */
  protected abstract Storage createStorage();

  /** Deletes everything {@code storage} holds, so that the next test starts from empty. */
  protected abstract void deleteAll(Storage storage);

  /** Every optional store the implementation is meant to have. */
  protected abstract Set<StorageCapability> declaredCapabilities();

  /** The storage under test, started and emptied before each test. */
  protected final Storage storage() {
    return storage;
  }

  @BeforeAll
  void openStorage() {
    storage = createStorage();
  }

  @BeforeEach
  void emptyStorage() {
    deleteAll(storage);
  }

  @AfterAll
  void closeStorage() {
    if (storage != null) {
      storage.close();
    }
  }

  @Test
  void hasExactlyTheDeclaredCapabilities() {
    assertThat(storage.capabilities()).as("capabilities of %s", storage.describe())
        .containsExactlyInAnyOrderElementsOf(declaredCapabilities());
    for (StorageCapability c : StorageCapability.values()) {
      assertThat(c.store(storage).isPresent()).as("%s's accessor agrees with capabilities()", c)
          .isEqualTo(storage.capabilities().contains(c));
    }
  }

  @Nested
  @DisplayName("jobs and executions")
  class JobsAndExecutions extends JobAndExecutionChecks {
    @Override
    protected Storage storageUnderTest() {
      return storage();
    }
  }

  @Nested
  @DisplayName("execution batches")
  class ExecutionBatches extends ExecutionBatchChecks {
    @Override
    protected Storage storageUnderTest() {
      return storage();
    }
  }

  @Nested
  @DisplayName("scheduler store")
  class Scheduler extends SchedulerStoreChecks {
    @Override
    protected Storage storageUnderTest() {
      return storage();
    }
  }

  @Nested
  @DisplayName("alert store")
  class Alerts extends AlertStoreChecks {
    @Override
    protected Storage storageUnderTest() {
      return storage();
    }
  }

  @Nested
  @DisplayName("verification, compliance and report stores")
  class VerificationsAndCompliance extends ComplianceStoreChecks {
    @Override
    protected Storage storageUnderTest() {
      return storage();
    }
  }

  @Nested
  @DisplayName("stored compliance verdicts")
  class Verdicts extends VerdictStoreChecks {
    @Override
    protected Storage storageUnderTest() {
      return storage();
    }
  }

  @Nested
  @DisplayName("execution rollups")
  class Rollups extends RollupStoreChecks {
    @Override
    protected Storage storageUnderTest() {
      return storage();
    }
  }

  @Nested
  @DisplayName("audit store")
  class Audit extends AuditStoreChecks {
    @Override
    protected Storage storageUnderTest() {
      return storage();
    }
  }

  @Nested
  @DisplayName("ambient transactions")
  class Transactions extends TransactionScopeChecks {
    @Override
    protected Storage storageUnderTest() {
      return storage();
    }
  }

  @Nested
  @DisplayName("approval store")
  class Approvals extends ApprovalStoreChecks {
    @Override
    protected Storage storageUnderTest() {
      return storage();
    }
  }
}
