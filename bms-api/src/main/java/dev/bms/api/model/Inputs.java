package dev.bms.api.model;

import dev.bms.api.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Bounds shared by the text bms stores, and the form in which a rejected value appears in an
 * exception message: {@link #excerpt(String)} cuts it to {@value #EXCERPT_LENGTH} characters and
 * shows control characters as {@code \}{@code uXXXX} escapes, so a 1 MB name or a NUL byte never
 * makes an unreadable message.
 *
 * <p>The {@code require...} checks are those every service applies to its arguments before it
 * touches storage; each throws {@link InvalidRequestException} naming the argument.
 *
 * @since 0.1.0
 */
public final class Inputs {
  /** The most characters of a rejected value that a message shows. */
  public static final int EXCERPT_LENGTH = 64;
  /** The longest free text (a job's description). */
  public static final int MAX_TEXT_LENGTH = 10_000;
  /** The longest name, label value or other one-line value (who acknowledges, a silence matcher...). */
  public static final int MAX_NAME_LENGTH = 200;
  /** The longest path or path prefix. */
  public static final int MAX_PATH_LENGTH = 4096;
  /** The earliest instant accepted: 0001-01-01T00:00:00Z (H2 and PostgreSQL store years 1 to 9999 alike). */
  public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
  /** The latest instant accepted: 9999-12-31T23:59:59.999999999Z. */
  public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

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

  /**
   * {@code value}, or an {@link InvalidRequestException} "{@code name}: must not be null".
   */
  public static <T> T requireArgument(String name, T value) {
    if (value == null) {
      throw new InvalidRequestException(name + ": must not be null");
    }
    return value;
  }

  /**
   * {@code value} when it is between {@link #MIN_INSTANT} and {@link #MAX_INSTANT} (years 1 to
   * 9999), else an {@link InvalidRequestException} naming {@code name}.
   */
  public static Instant requireInstant(String name, Instant value) {
    requireArgument(name, value);
    if (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT)) {
      throw new InvalidRequestException(name + ": " + value + " is outside years 1 to 9999");
    }
    return value;
  }

  /** {@code value} when it is in years 1 to 9999, else an {@link InvalidRequestException}. */
  public static LocalDate requireDate(String name, LocalDate value) {
    requireArgument(name, value);
    if (value.getYear() < 1 || value.getYear() > 9999) {
      throw new InvalidRequestException(name + ": " + value + " is outside years 1 to 9999");
    }
    return value;
  }

  /**
   * {@code value} when it is one line of at most {@code maxLength} characters without control
   * characters, else an {@link InvalidRequestException} naming {@code name} with an
   * {@link #excerpt(String) excerpt} of the value.
   */
  public static String requireLine(String name, String value, int maxLength) {
    requireArgument(name, value);
    if (value.length() > maxLength) {
      throw new InvalidRequestException(name + ": '" + excerpt(value) + "' is longer than " + maxLength
          + " characters");
    }
    if (hasControlCharacter(value)) {
      throw new InvalidRequestException(name + ": '" + excerpt(value)
          + "' holds a control character (NUL, newline, escape...)");
    }
    return value;
  }

  /**
   * {@code value} when it is free text (tabs and line breaks allowed, no other control character)
   * of at most {@link #MAX_TEXT_LENGTH} characters, else an {@link InvalidRequestException}.
   */
  public static String requireText(String name, String value) {
    requireArgument(name, value);
    if (value.length() > MAX_TEXT_LENGTH) {
      throw new InvalidRequestException(name + ": '" + excerpt(value) + "' is longer than " + MAX_TEXT_LENGTH
          + " characters");
    }
    if (hasControlCharacterInText(value)) {
      throw new InvalidRequestException(name + ": '" + excerpt(value) + "' holds a control character (NUL, escape...)");
    }
    return value;
  }

  /**
   * {@code value} when it is a path of at most {@link #MAX_PATH_LENGTH} characters without a NUL
   * (file names may hold any other character), else an {@link InvalidRequestException}.
   */
  public static String requirePath(String name, String value) {
    requireArgument(name, value);
    if (value.length() > MAX_PATH_LENGTH) {
      throw new InvalidRequestException(name + ": '" + excerpt(value) + "' is longer than " + MAX_PATH_LENGTH
          + " characters");
    }
    if (value.indexOf('\0') >= 0) {
      throw new InvalidRequestException(name + ": '" + excerpt(value) + "' holds a NUL character");
    }
    return value;
  }
}
