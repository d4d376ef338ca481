package dev.bms.storage.jdbc;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Ids bound as one SQL array parameter ({@code id = ANY(?)}): one statement shape whatever the
 * number of ids, unlike an {@code IN (?, ?, ...)} list.
 */
record UuidArray(List<UUID> values) {
  UuidArray {
    values = List.copyOf(values);
  }

  static UuidArray of(Collection<UUID> ids) {
    return new UuidArray(List.copyOf(ids));
  }

  boolean isEmpty() {
    return values.isEmpty();
  }
}
