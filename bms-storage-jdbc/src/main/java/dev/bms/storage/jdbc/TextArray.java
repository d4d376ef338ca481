package dev.bms.storage.jdbc;

import java.util.Collection;
import java.util.List;

/**
 * Strings bound as one SQL array parameter ({@code column = ANY(?)}): one statement shape whatever
 * the number of values, like {@link UuidArray}.
 */
record TextArray(List<String> values) {
  TextArray {
    values = List.copyOf(values);
  }

  static TextArray of(Collection<String> values) {
    return new TextArray(List.copyOf(values));
  }
}
