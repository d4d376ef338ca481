package dev.bms.examples.rest;

import java.util.Objects;

/**
 * An authenticated caller.
 *
 * @param name the API key's name
 * @param role what it may do
 * @param viaSession true when it authenticated with the dashboard's session cookie (unsafe methods
 *     then also need the session's CSRF token)
 */
record Principal(String name, Role role, boolean viaSession) {
  Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }
}
