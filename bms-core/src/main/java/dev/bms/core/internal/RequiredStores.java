package dev.bms.core.internal;

import dev.bms.api.CapabilityMissingException;
import dev.bms.spi.storage.CatalogStore;
import dev.bms.spi.storage.ComplianceStore;
import dev.bms.spi.storage.ReportStore;
import dev.bms.spi.storage.RestoreStore;
import dev.bms.spi.storage.RetentionStore;
import dev.bms.spi.storage.SchedulerStore;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageCapability;
import dev.bms.spi.storage.VerificationStore;
import java.util.Locale;
import java.util.Optional;

/**
 * The optional stores of a {@link Storage} for calls that cannot do without them: a missing one is a
 * {@link CapabilityMissingException} naming the capability. Code that can do without a store asks
 * the storage's {@code Optional} accessor itself and says in its Javadoc what it does instead.
 */
public final class RequiredStores {
  private RequiredStores() {
  }

  public static SchedulerStore scheduler(Storage storage) {
    return require(storage.scheduler(), StorageCapability.SCHEDULER, storage);
  }

  public static RetentionStore retention(Storage storage) {
    return require(storage.retention(), StorageCapability.RETENTION, storage);
  }

  public static VerificationStore verifications(Storage storage) {
    return require(storage.verifications(), StorageCapability.VERIFICATIONS, storage);
  }

  public static ComplianceStore compliance(Storage storage) {
    return require(storage.compliance(), StorageCapability.COMPLIANCE, storage);
  }

  public static ReportStore reports(Storage storage) {
    return require(storage.reports(), StorageCapability.REPORTS, storage);
  }

  public static RestoreStore restores(Storage storage) {
    return require(storage.restores(), StorageCapability.RESTORES, storage);
  }

  public static CatalogStore catalog(Storage storage) {
    return require(storage.catalog(), StorageCapability.CATALOG, storage);
  }

  private static <T> T require(Optional<T> store, StorageCapability capability, Storage storage) {
    return store.orElseThrow(() -> new CapabilityMissingException(capability, "This call needs the "
        + capability.name().toLowerCase(Locale.ROOT) + " capability, which storage " + storage.describe()
        + " does not have"));
  }
}
