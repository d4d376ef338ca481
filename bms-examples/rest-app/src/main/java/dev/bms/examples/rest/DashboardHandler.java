package dev.bms.examples.rest;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard page, its login, and its static assets (script, styles, the bundled uPlot chart
 * library). Nothing is loaded from outside the app. The pages hold no inline script or style, so
 * the Content-Security-Policy can forbid both.
 */
final class DashboardHandler {
  /** Served asset name to content type; nothing else under /assets is served. */
  private static final Map<String, String> ASSETS = Map.of(
      "common.js", "text/javascript; charset=utf-8",
      "dashboard.js", "text/javascript; charset=utf-8",
      "restores.js", "text/javascript; charset=utf-8",
      "audit.js", "text/javascript; charset=utf-8",
      "approvals.js", "text/javascript; charset=utf-8",
      "findings.js", "text/javascript; charset=utf-8",
      "job.js", "text/javascript; charset=utf-8",
      "dashboard.css", "text/css; charset=utf-8",
      "uPlot.iife.min.js", "text/javascript; charset=utf-8",
      "uPlot.min.css", "text/css; charset=utf-8");

  private final Map<String, byte[]> assets = new java.util.HashMap<>();
  private final String dashboardHtml;
  private final String loginHtml;
  private final String auditHtml;
  private final String approvalsHtml;
  private final String jobHtml;
  private final Authenticator authenticator;
  private final SessionStore sessions;
  private final AccessControl access;

  DashboardHandler(int refreshSeconds, Authenticator authenticator, SessionStore sessions, AccessControl access) {
    ASSETS.keySet().forEach(name -> assets.put(name, resource(name.startsWith("uPlot") ? "vendor/" + name : name)));
    this.dashboardHtml = new String(resource("dashboard.html"), StandardCharsets.UTF_8)
        .replace("{{refreshSeconds}}", Integer.toString(refreshSeconds));
    this.loginHtml = new String(resource("login.html"), StandardCharsets.UTF_8);
    this.auditHtml = new String(resource("audit.html"), StandardCharsets.UTF_8);
    this.approvalsHtml = new String(resource("approvals.html"), StandardCharsets.UTF_8);
    this.jobHtml = new String(resource("job.html"), StandardCharsets.UTF_8);
    this.authenticator = authenticator;
    this.sessions = sessions;
    this.access = access;
  }

  /** {@code GET /dashboard}. */
  void dashboard(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(dashboardHtml);
  }

  /** {@code GET /audit}: the audit trail page (its data comes from {@code /api/audit}, auditors and admins). */
  void audit(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(auditHtml);
  }

  /** {@code GET /approvals}: pending four-eyes approval requests, with approve and reject buttons for admins. */
  void approvals(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(approvalsHtml);
  }

  /** {@code GET /jobs/{id}}: one job's page (its data comes from {@code /api/jobs/{id}} and its findings). */
  void job(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(jobHtml);
  }

  /** {@code GET /login}: the form. */
  void loginForm(Context ctx) {
    access.throttleAnonymous(ctx);
    ctx.contentType("text/html; charset=utf-8").result(login(""));
  }

  /** {@code POST /login}: an API key in, a session cookie out. */
  void login(Context ctx) {
    access.throttleAnonymous(ctx);
    String key = Optional.ofNullable(ctx.formParam("apiKey")).orElse("").trim();
    Optional<ApiKey> client = key.isEmpty() ? Optional.empty() : authenticator.find(key);
    if (client.isEmpty()) {
      ctx.status(401).contentType("text/html; charset=utf-8").result(login("That API key is not valid."));
      return;
    }
    SessionStore.Session session = sessions.create(client.get());
    Cookie cookie = new Cookie(SessionStore.COOKIE, session.token());
    cookie.setPath("/");
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.STRICT);
    cookie.setMaxAge((int) SessionStore.TTL.toSeconds());
    cookie.setSecure(isHttps(ctx));
    ctx.cookie(cookie);
    ctx.header("Location", "/dashboard");
    ctx.status(303);
  }

  /** {@code POST /logout}. */
  void logout(Context ctx) {
    String token = ctx.cookie(SessionStore.COOKIE);
    if (token != null) {
      sessions.remove(token);
    }
    ctx.removeCookie(SessionStore.COOKIE, "/");
    ctx.status(204);
  }

  /** {@code GET /api/session}: who is logged in, and the CSRF token the page sends on POSTs. */
  void session(Context ctx) {
    Principal p = ctx.attribute(AccessControl.PRINCIPAL);
    Optional<String> csrf = Optional.empty();
    if (p.viaSession()) {
      csrf = Optional.ofNullable(ctx.cookie(SessionStore.COOKIE)).flatMap(sessions::find).map(SessionStore.Session::csrfToken);
    }
    Json.respond(ctx, 200, new SessionView(p.name(), p.role().label(), csrf));
  }

  record SessionView(String name, String role, Optional<String> csrfToken) {
  }

  /** {@code GET /assets/{name}}. */
  void asset(Context ctx) {
    String name = ctx.pathParam("name");
    byte[] body = assets.get(name);
    if (body == null) {
      throw new ApiException(404, "not_found", "no such asset");
    }
    ctx.header("Cache-Control", "public, max-age=3600");
    ctx.contentType(ASSETS.get(name)).result(body);
  }

  private String login(String error) {
    return loginHtml.replace("{{error}}", escape(error));
  }

  private static boolean isHttps(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  private static byte[] resource(String name) {
    try (InputStream in = DashboardHandler.class.getResourceAsStream("/dashboard/" + name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard resource missing from the jar: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
