package dev.bms.storage.jdbc;

import java.util.Collection;
import java.util.List;

/**
 * Strings bound as one SQL array parameter ({@code column = ANY(?)}, or a column of {@code unnest}):
 * one statement shape whatever the number of values, like {@link UuidArray}.
 */
record TextArray(List<String> values) {
  /** Elements may be null (SQL NULL in the array: a finish without an error message). */
  TextArray {
    values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
  }

  static TextArray of(Collection<String> values) {
    return new TextArray(List.copyOf(values));
  }
}
