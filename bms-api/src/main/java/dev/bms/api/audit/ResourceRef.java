package dev.bms.api.audit;

import java.util.Objects;

/**
 * The resource an audited call acted on.
 *
 * @param type the resource type, e.g. {@code job}, {@code alert}, {@code silence}
 * @param id its id, or {@code -} when the call names none (e.g. a refused create)
 * @since 0.2.0
 */
public record ResourceRef(String type, String id) {
  public ResourceRef {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }
}
