package dev.bms.core.internal.engine;

import dev.bms.spi.storage.SchedulerStore;
import dev.bms.spi.storage.Storage;
import java.util.Optional;

/** The storage's scheduler store, if it has one (the only place that asks). */
final class SchedulerStores {
  private SchedulerStores() {
  }

  static Optional<SchedulerStore> of(Storage storage) {
    try {
      return Optional.of(storage.scheduler());
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
