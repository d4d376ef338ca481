package dev.bms.api;

import java.util.List;

/**
 * A job definition was rejected. Nothing was written. {@link #problems()} names every bad field,
 * for example {@code "name: must not be blank"} or
 * {@code "copies[1] 'nas' (filesystem): subdirectory '../x' escapes the root"}.
 *
 * @since 0.1.0
 */
public class InvalidJobException extends ProblemsException {
  private static final long serialVersionUID = 1L;

  public InvalidJobException(String jobName, List<String> problems) {
    super("Invalid backup job '" + dev.bms.api.model.Inputs.excerpt(jobName) + "'", problems);
  }
}
