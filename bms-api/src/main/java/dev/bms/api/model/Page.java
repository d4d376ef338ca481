package dev.bms.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a keyset-paginated listing.
 *
 * @param items the items, in the listing's order
 * @param nextCursor present when more items may follow; pass it to {@link PageRequest#after}
 * @param <T> item type
 * @since 0.1.0
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }

  /** True when another page may follow. */
  public boolean hasNext() {
    return nextCursor.isPresent();
  }

  /** The request for the next page, of the same size. */
  public Optional<PageRequest> next(int limit) {
    return nextCursor.map(c -> PageRequest.after(c, limit));
  }

  /** The same page with each item mapped. */
  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
  }
}
