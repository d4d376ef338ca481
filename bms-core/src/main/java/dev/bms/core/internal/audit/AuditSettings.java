package dev.bms.core.internal.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit trail's maintenance options, as the builder validated them.
 *
 * @param anchorInterval how often the chain head is written to the log and the gauges (also at start)
 * @param retention how long records are kept; empty: forever
 * @param exportDirectory where records are exported before they are purged (present with a retention)
 */
public record AuditSettings(Duration anchorInterval, Optional<Duration> retention, Optional<Path> exportDirectory) {
  /** The default anchor interval: one hour. */
  public static final Duration DEFAULT_ANCHOR_INTERVAL = Duration.ofHours(1);

  public AuditSettings {
    Objects.requireNonNull(anchorInterval, "anchorInterval");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(exportDirectory, "exportDirectory");
    if (retention.isPresent() != exportDirectory.isPresent()) {
      throw new IllegalArgumentException("a retention needs an export directory, and only a retention has one");
    }
  }

  /** Anchors every hour, keeps every record. */
  public static AuditSettings defaults() {
    return new AuditSettings(DEFAULT_ANCHOR_INTERVAL, Optional.empty(), Optional.empty());
  }
}
