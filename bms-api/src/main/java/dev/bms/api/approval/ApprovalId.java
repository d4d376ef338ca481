package dev.bms.api.approval;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.Inputs;
import java.util.UUID;

/**
 * Identity of one approval request (time-ordered UUID, like execution ids).
 *
 * @param value the UUID
 * @since 0.2.0
 */
public record ApprovalId(UUID value) implements Comparable<ApprovalId> {
  public ApprovalId {
    Inputs.requireArgument("value", value);
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws InvalidRequestException when {@code text} is not a UUID
   */
  public static ApprovalId parse(String text) {
    Inputs.requireArgument("text", text);
    try {
      return new ApprovalId(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("approval id: '" + Inputs.excerpt(text) + "' is not a UUID");
    }
  }

  @Override
  public int compareTo(ApprovalId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
