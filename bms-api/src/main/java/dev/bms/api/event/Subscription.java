package dev.bms.api.event;

/**
 * A listener's registration, returned by {@code BackupManager.subscribe}. Closing it removes the
 * listener; closing it again does nothing. {@link #close()} throws nothing, so it can sit in a
 * try-with-resources block without a catch.
 *
 * <pre>{@code
 * try (Subscription s = bms.subscribe(events::add)) {
 *   bms.executions().runNow(id);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

  /** Removes the listener. Idempotent. */
  @Override
  void close();
}
