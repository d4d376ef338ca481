package dev.bms.api;

/**
 * The storage backend failed (connection lost, SQL error). The operation was rolled back.
 *
 * @since 0.1.0
 */
public class StorageException extends BmsException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
