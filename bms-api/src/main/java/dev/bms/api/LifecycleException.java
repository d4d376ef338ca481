package dev.bms.api;

/**
 * The {@link BackupManager} was used in a state that does not allow the call: a service called
 * before {@link BackupManager#start()} or after {@link BackupManager#close()}, or {@code start()}
 * called on a closed manager. Nothing was done.
 *
 * @since 0.1.0
 */
public class LifecycleException extends BmsException {
  private static final long serialVersionUID = 1L;

  public LifecycleException(String message) {
    super(message);
  }
}
