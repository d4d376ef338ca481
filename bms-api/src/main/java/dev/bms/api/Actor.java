package dev.bms.api;

import dev.bms.api.model.Inputs;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who makes a call: a person, a service (another program) or bms itself. Every service call is
 * attributed to one actor, and the audit trail records it.
 *
 * <p>An application names the actor per call scope with {@link BackupManager#as(Actor)}:
 * {@code bms.as(Actor.person("u-17", "Alice Doe", "operator")).jobs().disable(id)}. Calls made
 * directly on the manager ({@code bms.jobs()...}) are attributed to {@link #application()}, the
 * embedding application itself; work bms starts on its own (scheduler, engine, retention after a
 * run, background compliance) is {@link #system()} and writes no audit records, because no one
 * asked for it.
 *
 * @param id a stable identifier (user id, service account, client id); 1-200 characters, no control
 *     characters
 * @param displayName a human-readable name; 1-200 characters, no control characters
 * @param roles the roles the application grants this actor (e.g. {@code viewer}, {@code operator},
 *     {@code admin}, {@code auditor}), kept sorted
 * @param kind person, service or bms itself
 * @since 0.2.0
 */
public record Actor(String id, String displayName, Set<String> roles, Kind kind) {

  /** What kind of actor makes a call. */
  public enum Kind {
    /** A human user of the embedding application. */
    PERSON,
    /** Another program: the embedding application, a CI job, an integration. */
    SERVICE,
    /** bms itself: the scheduler, the engine, background work. */
    SYSTEM
  }

  private static final Actor SYSTEM = new Actor("bms", "bms", Set.of(), Kind.SYSTEM);
  private static final Actor APPLICATION = new Actor("application", "embedding application", Set.of(),
      Kind.SERVICE);

  public Actor {
    id = text("id", id);
    displayName = text("displayName", displayName);
    Objects.requireNonNull(roles, "roles");
    TreeSet<String> sorted = new TreeSet<>();
    for (String role : roles) {
      sorted.add(text("roles", role));
    }
    roles = java.util.Collections.unmodifiableSortedSet(sorted);
    Objects.requireNonNull(kind, "kind");
  }

  /** bms itself: what the scheduler and the engine act as. */
  public static Actor system() {
    return SYSTEM;
  }

  /**
   * The embedding application, unidentified: the actor of calls made directly on the
   * {@link BackupManager} rather than through {@link BackupManager#as(Actor)}.
   */
  public static Actor application() {
    return APPLICATION;
  }

  /** A person with the given roles. */
  public static Actor person(String id, String displayName, String... roles) {
    return new Actor(id, displayName, Set.of(roles), Kind.PERSON);
  }

  /** A service (another program) with the given roles; its display name is its id. */
  public static Actor service(String id, String... roles) {
    return new Actor(id, id, Set.of(roles), Kind.SERVICE);
  }

  /** Whether this actor has {@code role}. */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  private static String text(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException("actor " + field + ": must not be blank");
    }
    if (value.length() > 200) {
      throw new InvalidRequestException("actor " + field + ": longer than 200 characters: '"
          + Inputs.excerpt(value) + "'");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new InvalidRequestException("actor " + field + ": contains a control character: '"
            + Inputs.excerpt(value) + "'");
      }
    }
    return value;
  }
}
