package dev.bms.api.model;

/**
 * Bounds shared by the text bms stores, and the form in which a rejected value appears in an
 * exception message: {@link #excerpt(String)} cuts it to {@value #EXCERPT_LENGTH} characters and
 * shows control characters as {@code \}{@code uXXXX} escapes, so a 1 MB name or a NUL byte never
 * makes an unreadable message.
 *
 * @since 0.1.0
 */
public final class Inputs {
  /** The most characters of a rejected value that a message shows. */
  public static final int EXCERPT_LENGTH = 64;
  /** The longest free text (a job's description). */
  public static final int MAX_TEXT_LENGTH = 10_000;

  private Inputs() {
  }

  /**
   * {@code value} as a message shows it: control characters escaped, cut to
   * {@value #EXCERPT_LENGTH} characters followed by {@code "... (N chars)"} when longer.
   */
  public static String excerpt(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(Math.min(value.length(), EXCERPT_LENGTH) + 16);
    int end = Math.min(value.length(), EXCERPT_LENGTH);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (value.length() > EXCERPT_LENGTH) {
      sb.append("... (").append(value.length()).append(" chars)");
    }
    return sb.toString();
  }

  /** True when {@code value} holds a control character (NUL, newline, escape...). */
  public static boolean hasControlCharacter(String value) {
    return value.chars().anyMatch(Character::isISOControl);
  }

  /** True when {@code value} holds a control character other than tab, line feed and carriage return. */
  public static boolean hasControlCharacterInText(String value) {
    return value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r');
  }
}
