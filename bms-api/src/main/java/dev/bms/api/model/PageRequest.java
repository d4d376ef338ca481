package dev.bms.api.model;

import dev.bms.api.InvalidRequestException;
import java.util.Optional;

/**
 * A keyset page request: at most {@code limit} items after the opaque {@code cursor} returned by the
 * previous {@link Page}. Keyset paging costs the same on page 1 and page 10,000, and a row inserted
 * meanwhile never shifts the next page.
 *
 * @param limit 1 to {@link #MAX_LIMIT}
 * @param cursor where the previous page ended; empty for the first page
 * @since 0.1.0
 */
public record PageRequest(int limit, Optional<String> cursor) {
  /** Largest page size accepted. */
  public static final int MAX_LIMIT = 10_000;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
    Inputs.requireArgument("cursor", cursor);
  }

  /** The first page. */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, Optional.empty());
  }

  /** The page after {@code cursor}. */
  public static PageRequest after(String cursor, int limit) {
    return new PageRequest(limit, Optional.of(cursor));
  }
}
