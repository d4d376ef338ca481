package dev.bms.examples.rest;

import dev.bms.api.BackupManager;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;

/**
 * The gate every endpoint passes: rate limit, authentication, the role of the few endpoints bms
 * does not decide, and for browser sessions the CSRF token; then binds the caller's view of bms
 * ({@link Callers}), whose access policy decides every call to bms. Order matters: the rate limit comes first so that guessing keys is throttled too
 * (by client address when no valid key is presented).
 */
final class AccessControl {
  static final String PRINCIPAL = "bms.principal";
  static final String CSRF_HEADER = "X-CSRF-Token";

  private final Authenticator authenticator;
  private final TokenBuckets buckets;
  private final BackupManager bms;

  AccessControl(Authenticator authenticator, TokenBuckets buckets, BackupManager bms) {
    this.authenticator = authenticator;
    this.buckets = buckets;
    this.bms = bms;
  }

  /**
   * Lets the request through, or throws the {@link ApiException} to answer (401, 403, 429).
   *
   * @return false when the request was answered here (a browser sent to the login page)
   */
  boolean admit(Context ctx, Role required) {
    Authenticator.Result result = authenticator.authenticate(ctx);
    String bucket = result instanceof Authenticator.Authenticated a ? "client:" + a.principal().name() : "ip:" + ctx.ip();
    throttle(ctx, bucket);
    if (result instanceof Authenticator.Anonymous) {
      if (isBrowserNavigation(ctx)) {
        ctx.header("Location", "/login");
        ctx.status(303);
        return false;
      }
      ctx.header("WWW-Authenticate", "Bearer realm=\"bms\"");
      throw new ApiException(401, "unauthenticated", "credentials required: send X-API-Key or Authorization: Bearer");
    }
    if (result instanceof Authenticator.Rejected rejected) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"bms\", error=\"invalid_token\"");
      throw new ApiException(401, "invalid_credentials", rejected.reason());
    }
    Authenticator.Authenticated ok = (Authenticator.Authenticated) result;
    Principal principal = ok.principal();
    if (!principal.role().grants(required)) {
      throw new ApiException(403, "forbidden", "role " + principal.role().label() + " may not do this; it needs "
          + required.label());
    }
    Optional<SessionStore.Session> session = ok.session();
    if (session.isPresent() && isUnsafe(ctx) && !session.get().csrfToken().equals(ctx.header(CSRF_HEADER))) {
      throw new ApiException(403, "csrf_token_invalid", "state-changing requests from the dashboard need the "
          + CSRF_HEADER + " header of the session");
    }
    ctx.attribute(PRINCIPAL, principal);
    Callers.bind(ctx, bms, principal);
    return true;
  }

  /** Rate limits requests to public pages (login) by client address. */
  void throttleAnonymous(Context ctx) {
    throttle(ctx, "ip:" + ctx.ip());
  }

  private void throttle(Context ctx, String bucket) {
    long retryAfter = buckets.tryAcquire(bucket);
    if (retryAfter > 0) {
      ctx.header("Retry-After", Long.toString(retryAfter));
      throw new ApiException(429, "rate_limited", "too many requests; retry after " + retryAfter + " s");
    }
  }

  private static boolean isUnsafe(Context ctx) {
    String m = ctx.method().name().toUpperCase(Locale.ROOT);
    return !(m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS"));
  }

  /** A top-level page load by a browser (it asks for HTML), which is better sent to log in than given JSON. */
  private static boolean isBrowserNavigation(Context ctx) {
    String accept = ctx.header("Accept");
    return "GET".equals(ctx.method().name()) && accept != null && accept.contains("text/html");
  }
}
