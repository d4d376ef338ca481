package dev.bms.examples.rest;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Sets the headers the reference report's security scan checks (section 4.2) on every response,
 * errors and redirects included. The CSP allows nothing from outside: scripts, styles and the
 * charting library are served by the app itself, and no inline script or style is used.
 */
final class SecurityHeaders implements Handler {
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  static final String HSTS = "max-age=31536000; includeSubDomains";
  static final String PERMISSIONS = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
      + "microphone=(), payment=(), usb=(), interest-cohort=()";

  @Override
  public void handle(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("Strict-Transport-Security", HSTS);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
    ctx.header("Permissions-Policy", PERMISSIONS);
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }
}
