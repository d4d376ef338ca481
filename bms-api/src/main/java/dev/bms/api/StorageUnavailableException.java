package dev.bms.api;

/**
 * The storage cannot be reached: the database is down, refuses connections, or no connection came
 * free within the storage's connection timeout. Nothing was written; the same call may succeed
 * once the database is back. Unlike a plain {@link StorageException} (a failed statement), this is
 * worth retrying later, and the scheduler backs off on it.
 *
 * @since 0.1
 */
public class StorageUnavailableException extends StorageException {
  private static final long serialVersionUID = 1L;

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
