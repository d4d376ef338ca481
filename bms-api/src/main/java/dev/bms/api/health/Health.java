package dev.bms.api.health;

import java.util.Objects;

/**
 * What {@link dev.bms.api.BackupManager#health()} reports, for readiness and liveness probes. It is
 * tracked as calls and periodic probes succeed or fail, so asking costs no I/O.
 *
 * <pre>{@code
 * Health h = bms.health();
 * if (!h.ready()) {
 *   return 503;   // storage is down since h.storage().since(): h.storage().detail()
 * }
 * }</pre>
 *
 * @param storage the database: down while it cannot be reached
 * @param cache the cache provider: down while a distributed cache cannot reach its server (bms
 *     keeps working on its local cache meanwhile)
 * @param scheduler the scheduler: down while it backs off (storage unavailable) or before
 *     {@code start()}; disabled when scheduling is switched off or the storage cannot schedule
 * @since 0.1
 */
public record Health(ComponentHealth storage, ComponentHealth cache, ComponentHealth scheduler) {
  public Health {
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(scheduler, "scheduler");
  }

  /** Whether this instance can serve calls: its storage is up. A down cache only degrades it. */
  public boolean ready() {
    return storage.isUp();
  }

  /** Whether no component is down (disabled ones do not count). */
  public boolean allUp() {
    return !storage.isDown() && !cache.isDown() && !scheduler.isDown();
  }
}
