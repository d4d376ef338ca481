package dev.bms.examples.rest;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds who is calling: an API key in {@code X-API-Key}, the same key as
 * {@code Authorization: Bearer <key>}, or the dashboard's session cookie, in that order. Keys are
 * looked up by their SHA-256, so the lookup's timing says nothing about how much of a guess was
 * right.
 */
final class Authenticator {
  /** The outcome: no credentials, wrong credentials, or a principal. */
  sealed interface Result permits Anonymous, Rejected, Authenticated {
  }

  /** No credentials were presented. */
  record Anonymous() implements Result {
  }

  /** Credentials were presented and are not valid; {@code reason} is safe to show. */
  record Rejected(String reason) implements Result {
  }

  /** A known caller. */
  record Authenticated(Principal principal, Optional<SessionStore.Session> session) implements Result {
  }

  private final Map<String, ApiKey> byDigest = new HashMap<>();
  private final SessionStore sessions;

  Authenticator(List<ApiKey> keys, SessionStore sessions) {
    keys.forEach(k -> byDigest.put(digest(k.secret()), k));
    this.sessions = sessions;
  }

  Result authenticate(Context ctx) {
    String apiKey = ctx.header("X-API-Key");
    if (apiKey != null) {
      return byKey(apiKey, "X-API-Key");
    }
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return new Rejected("Authorization must use the Bearer scheme");
      }
      return byKey(authorization.substring(7).trim(), "bearer token");
    }
    String cookie = ctx.cookie(SessionStore.COOKIE);
    if (cookie != null) {
      return sessions.find(cookie)
          .<Result>map(s -> new Authenticated(s.principal(), Optional.of(s)))
          .orElseGet(() -> new Rejected("session expired or unknown; log in again"));
    }
    return new Anonymous();
  }

  /** The client holding {@code secret}, if any. */
  Optional<ApiKey> find(String secret) {
    return Optional.ofNullable(byDigest.get(digest(secret)));
  }

  private Result byKey(String secret, String what) {
    return find(secret)
        .<Result>map(k -> new Authenticated(new Principal(k.name(), k.role(), false), Optional.empty()))
        .orElseGet(() -> new Rejected("invalid " + what));
  }

  private static String digest(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
