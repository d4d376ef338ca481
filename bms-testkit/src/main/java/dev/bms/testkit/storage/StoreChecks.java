package dev.bms.testkit.storage;

import static dev.bms.testkit.storage.StorageFixtures.minimalJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bms.api.model.Job;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageCapability;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of each group of {@link StorageCompatibilityKit}: the storage under test and the
 * capabilities the group needs. A group whose capabilities the storage does not declare is
 * skipped, and the skip names what is missing.
 */
public abstract class StoreChecks {
  /** The storage under test, empty at the start of each test. */
  protected Storage storage;

  /** The kit's storage; each {@code @Nested} group of the kit returns it. */
  protected abstract Storage storageUnderTest();

  /** The optional stores this group needs; none unless a group says otherwise. */
  protected Set<StorageCapability> requires() {
    return Set.of();
  }

  @BeforeEach
  void bindStorage() {
    storage = storageUnderTest();
    Set<StorageCapability> missing = EnumSet.noneOf(StorageCapability.class);
    missing.addAll(requires());
    missing.removeAll(storage.capabilities());
    assumeTrue(missing.isEmpty(), () -> storage.describe() + " lacks " + missing + ": "
        + getClass().getSimpleName() + " skipped");
  }

  /** A new minimal job named {@code name}, inserted. */
  protected Job job(String name) {
    Job job = newJob(minimalJob(name));
    storage.jobs().insert(job);
    return job;
  }
}
