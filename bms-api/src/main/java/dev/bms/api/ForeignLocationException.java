package dev.bms.api;

/**
 * A copy location handed to a target is not one of that target's own copies: it belongs to
 * another target (another root, bucket or prefix), was made up, or is malformed. The target read,
 * listed, locked or deleted nothing.
 *
 * @since 0.1.0
 */
public class ForeignLocationException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * @param location the location refused (shortened when long)
   * @param target what the target is, e.g. {@code "filesystem target at /mnt/nas/bms"}
   */
  public ForeignLocationException(String location, String target) {
    super("location '" + shorten(location) + "' is not a copy of " + target);
  }

  private static String shorten(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...(" + s.length() + " chars)";
  }
}
