package dev.bms.api;

import java.util.List;

/**
 * A {@link BmsException} that carries every problem found at once, rather than one per attempt
 * (the shape of Guice's {@code CreationException}). The message lists them all, one per line.
 *
 * @since 0.1.0
 */
public abstract class ProblemsException extends BmsException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  protected ProblemsException(String summary, List<String> problems) {
    super(format(summary, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a " + getClass().getSimpleName() + " needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, each naming the field or key and the bad value. */
  public List<String> problems() {
    return problems;
  }

  private static String format(String summary, List<String> problems) {
    StringBuilder sb = new StringBuilder(summary).append(" (").append(problems.size())
        .append(problems.size() == 1 ? " problem)" : " problems)");
    for (String p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }
}
