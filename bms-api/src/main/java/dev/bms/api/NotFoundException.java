package dev.bms.api;

/** The job, execution or other entity named by id does not exist (or no longer exists). */
public class NotFoundException extends BmsException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
