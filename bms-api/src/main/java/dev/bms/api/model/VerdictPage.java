package dev.bms.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of stored compliance verdicts, with how many verdicts the whole listing holds.
 *
 * @param items the verdicts, ordered by job id
 * @param nextCursor present when more verdicts may follow; pass it to {@link PageRequest#after}
 * @param total verdicts in the whole listing (with the same status filter), not only this page
 * @since 0.1.0
 */
public record VerdictPage(List<JobCompliance> items, Optional<String> nextCursor, long total) {
  public VerdictPage {
    items = List.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor");
    if (total < items.size()) {
      throw new IllegalArgumentException("total " + total + " < items " + items.size());
    }
  }
}
