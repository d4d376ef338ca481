package dev.bms.spi.storage;

import dev.bms.api.model.JobId;
import java.util.Collection;
import java.util.Map;

/**
 * The per-job baselines anomaly detection keeps: one opaque text per job, written by bms after
 * each finished execution (its format is bms's own, versioned inside the text). Reading and
 * writing the baselines of any number of jobs takes a fixed number of statements.
 *
 * @since 0.3.0
 */
public interface BaselineStore {
  /** The longest state text a store must keep. */
  int MAX_STATE_CHARS = 65_536;

  /** The stored states of those jobs that have one; jobs without a state are absent. */
  Map<JobId, String> baselines(Collection<JobId> jobs);

  /**
   * Stores (inserts or replaces) the state of each job in one transaction. A job that does not
   * exist (any more) is skipped; a state is removed with its job.
   *
   * @throws IllegalArgumentException when a state is longer than {@link #MAX_STATE_CHARS}
   */
  void putBaselines(Map<JobId, String> states);
}
