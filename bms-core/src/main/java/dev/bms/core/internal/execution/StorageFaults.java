package dev.bms.core.internal.execution;

import dev.bms.api.StorageUnavailableException;

/**
 * Tells a storage outage (the database cannot be reached for now: worth waiting out) from other
 * failures. The one place that decides, so every caller waits out the same faults.
 */
public final class StorageFaults {
  private StorageFaults() {
  }

  /** Whether {@code failure} says storage could not be reached or did not answer. */
  public static boolean isUnavailable(Throwable failure) {
    return failure instanceof StorageUnavailableException;
  }
}
