package dev.bms.examples.rest;

import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * What a caller may do. Roles are ordered: an operator can do everything a viewer can, an admin
 * everything an operator can.
 */
public enum Role implements RouteRole {
  /** Reads jobs, executions, alerts, reports, compliance, metrics, health and the dashboard. */
  VIEWER,
  /** Also runs jobs now and acknowledges alerts. */
  OPERATOR,
  /** Also creates jobs. */
  ADMIN;

  /** True when a caller holding this role may call an endpoint that requires {@code required}. */
  public boolean grants(Role required) {
    return ordinal() >= required.ordinal();
  }

  /** The role named {@code text} (case-insensitive). */
  public static Role parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown role '" + text + "'; known roles: viewer, operator, admin");
    }
  }

  /** Lower-case name, as used in configuration and JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
