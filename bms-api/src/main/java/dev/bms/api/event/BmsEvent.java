package dev.bms.api.event;

import java.time.Instant;

/**
 * Something that happened in bms, published after it was committed to storage. Alerting, reports
 * and applications consume events through {@link dev.bms.api.BackupManager#subscribe}.
 * Implementations are records; new kinds are added over time, so switch with a default branch.
 *
 * @since 0.1.0
 */
public interface BmsEvent {

  /** When it happened. */
  Instant at();
}
