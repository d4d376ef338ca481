package dev.bms.api.audit;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What one purge of the audit trail did: which records it exported and deleted, and where it wrote
 * them. Nothing was purged when {@link #records()} is 0 (then there is no file).
 *
 * @param records how many records were exported and deleted
 * @param firstSequence the first of them (0 when none)
 * @param lastSequence the last of them (0 when none): the trail's new purge boundary
 * @param lastHash the last one's hash (the first remaining record links to it); empty when none
 * @param file the JSON-lines export, flushed to disk before anything was deleted; empty when none
 * @since 0.2.0
 */
public record AuditPurge(long records, long firstSequence, long lastSequence, String lastHash, Optional<Path> file) {
  public AuditPurge {
    Objects.requireNonNull(lastHash, "lastHash");
    Objects.requireNonNull(file, "file");
    if (records < 0 || (records == 0) != file.isEmpty()) {
      throw new IllegalArgumentException("records: " + records + " with file " + file);
    }
  }

  /** A purge that found nothing to purge. */
  public static AuditPurge nothing() {
    return new AuditPurge(0, 0, 0, "", Optional.empty());
  }
}
