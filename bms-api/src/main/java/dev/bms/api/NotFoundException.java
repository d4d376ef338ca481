package dev.bms.api;

/**
 * The job, execution or other entity named by id does not exist (or no longer exists).
 *
 * @since 0.1.0
 */
public class NotFoundException extends BmsException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
