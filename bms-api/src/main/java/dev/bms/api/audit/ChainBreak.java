package dev.bms.api.audit;

import java.util.Objects;

/**
 * The first place where the audit chain does not hold.
 *
 * @param sequence the sequence number of the record named
 * @param kind what is wrong there
 * @param detail a sentence for an operator
 * @since 0.2.0
 */
public record ChainBreak(long sequence, Kind kind, String detail) {

  /** What is wrong with the named record. */
  public enum Kind {
    /** The record's content no longer matches its hash: a column was edited. */
    ALTERED,
    /** The record before it is missing (a gap in the sequence, or no record has its previous hash). */
    REMOVED,
    /** The record is intact but not where it was written: its predecessor is elsewhere in the chain. */
    REORDERED
  }

  public ChainBreak {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
