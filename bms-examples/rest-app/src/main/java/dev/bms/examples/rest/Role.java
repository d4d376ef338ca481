package dev.bms.examples.rest;

import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * What a caller may do. Each role is also the one bms role of the caller's {@link dev.bms.api.Actor}
 * ({@link Callers}), and bms's {@code RoleAccessPolicy} decides every call to bms: an operator may
 * do everything a viewer may, an admin everything an operator may; an auditor reads, including the
 * audit trail, and changes nothing. The app itself only checks roles on what bms does not decide
 * (see {@code Routes}).
 */
public enum Role implements RouteRole {
  /** Reads jobs, executions, alerts, reports, compliance, metrics, health and the dashboard. */
  VIEWER,
  /** Also runs, cancels and verifies executions, reports backups, restores, acknowledges alerts. */
  OPERATOR,
  /** Also creates, updates, enables, disables and deletes jobs, and reads the audit trail. */
  ADMIN,
  /** Reads what a viewer reads, and searches and verifies the audit trail; changes nothing. */
  AUDITOR;

  /** True when a caller holding this role may call an endpoint that requires {@code required}. */
  public boolean grants(Role required) {
    if (required == VIEWER || required == this) {
      return true;
    }
    if (this == AUDITOR || required == AUDITOR) {
      return false;
    }
    return ordinal() >= required.ordinal();
  }

  /** The role named {@code text} (case-insensitive). */
  public static Role parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown role '" + text + "'; known roles: viewer, operator, admin, auditor");
    }
  }

  /** Lower-case name, as used in configuration, JSON and as the bms role. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
