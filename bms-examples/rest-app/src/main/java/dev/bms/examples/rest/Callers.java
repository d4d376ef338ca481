package dev.bms.examples.rest;

import dev.bms.api.Actor;
import dev.bms.api.BackupManager;
import dev.bms.api.BackupServices;
import io.javalin.http.Context;

/**
 * Maps the authenticated caller to a bms {@link Actor} and hands each request its own view of bms
 * ({@code bms.as(actor)}): every call a handler makes is then checked by bms's access policy and,
 * when it changes something or is refused, recorded in the audit trail under that actor.
 *
 * <p>A browser session (a person logged in at {@code /login}) is {@code Actor.person(name, name,
 * role)}; an API key presented by a program is {@code Actor.service(name, role)}. The app's role is
 * the actor's one bms role ({@code viewer}, {@code operator}, {@code admin}, {@code auditor}).
 */
final class Callers {
  static final String SERVICES = "bms.services";

  private Callers() {
  }

  /** The bms actor of {@code principal}. */
  static Actor actorOf(Principal principal) {
    String role = principal.role().label();
    return principal.viaSession() ? Actor.person(principal.name(), principal.name(), role)
        : Actor.service(principal.name(), role);
  }

  /** Binds the caller's view of {@code bms} to the request. */
  static void bind(Context ctx, BackupManager bms, Principal principal) {
    ctx.attribute(SERVICES, bms.as(actorOf(principal)));
  }

  /** The services as seen by this request's caller. */
  static BackupServices of(Context ctx) {
    BackupServices services = ctx.attribute(SERVICES);
    if (services == null) {
      throw new IllegalStateException("no caller bound to " + ctx.path() + ": the route is not secured");
    }
    return services;
  }
}
