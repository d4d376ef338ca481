package dev.bms.api.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link AuditService#verify}: how many records were checked and the first break,
 * if any.
 *
 * @param checked the number of records read and checked
 * @param firstBreak the first altered, removed or reordered record; empty when the range is intact
 * @since 0.2.0
 */
public record ChainVerification(long checked, Optional<ChainBreak> firstBreak) {
  public ChainVerification {
    Objects.requireNonNull(firstBreak, "firstBreak");
  }

  /** True when no break was found. */
  public boolean intact() {
    return firstBreak.isEmpty();
  }
}
