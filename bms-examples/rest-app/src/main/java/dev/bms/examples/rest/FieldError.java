package dev.bms.examples.rest;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bad field of a request, named by its JSON path ({@code name}, {@code copies[1].config.root}).
 *
 * @param field the JSON path of the field; empty when the problem concerns no single field
 * @param message what is wrong with it
 */
record FieldError(String field, String message) {
  private static final Pattern COPY_CONFIG = Pattern.compile("copies\\[(\\d+)] '[^']*' \\([^)]*\\) ([^:]+): (.*)", Pattern.DOTALL);
  private static final Pattern SOURCE_CONFIG = Pattern.compile("source \\([^)]*\\) ([^:]+): (.*)", Pattern.DOTALL);
  private static final Pattern PLAIN = Pattern.compile("([A-Za-z0-9_.\\[\\]-]+): (.*)", Pattern.DOTALL);

  FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /**
   * The field a bms problem line names. bms writes problems as {@code "field: message"}, with plugin
   * configuration problems as {@code "copies[1] 'nas' (filesystem) root: message"}; those become
   * {@code copies[1].config.root}.
   */
  static FieldError fromProblem(String problem) {
    Matcher m = COPY_CONFIG.matcher(problem);
    if (m.matches()) {
      return new FieldError("copies[" + m.group(1) + "].config." + m.group(2).trim(), m.group(3));
    }
    m = SOURCE_CONFIG.matcher(problem);
    if (m.matches()) {
      return new FieldError("source.config." + m.group(1).trim(), m.group(2));
    }
    m = PLAIN.matcher(problem);
    if (m.matches()) {
      return new FieldError(m.group(1), m.group(2));
    }
    return new FieldError("", problem);
  }
}
