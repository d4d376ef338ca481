package dev.bms.api.model;

/**
 * Who does the backup work.
 *
 * @since 0.1.0
 */
public enum ExecutionMode {
  /** bms read the source and wrote the copies through target plugins. */
  MANAGED,
  /** Another tool did the backup and reported it through {@code begin}/{@code complete}. */
  REPORTED
}
