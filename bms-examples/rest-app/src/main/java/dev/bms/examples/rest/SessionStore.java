package dev.bms.examples.rest;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Dashboard sessions: a browser logs in once with an API key and then carries an HttpOnly,
 * SameSite=Strict cookie. Each session has a CSRF token the page sends back on state-changing
 * requests. Kept in memory: a restart logs every browser out, which is fine for an example.
 */
final class SessionStore {
  static final String COOKIE = "bms_session";
  static final Duration TTL = Duration.ofHours(8);

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final LongSupplier millis;

  SessionStore(LongSupplier millis) {
    this.millis = millis;
  }

  /** A logged-in browser. */
  record Session(String token, Principal principal, String csrfToken, long expiresAtMillis) {
  }

  Session create(ApiKey key) {
    purgeExpired();
    Session s = new Session(token(), new Principal(key.name(), key.role(), true), token(),
        millis.getAsLong() + TTL.toMillis());
    sessions.put(s.token(), s);
    return s;
  }

  Optional<Session> find(String token) {
    Session s = sessions.get(token);
    if (s == null) {
      return Optional.empty();
    }
    if (s.expiresAtMillis() < millis.getAsLong()) {
      sessions.remove(token);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  void remove(String token) {
    sessions.remove(token);
  }

  private void purgeExpired() {
    long now = millis.getAsLong();
    sessions.values().removeIf(s -> s.expiresAtMillis() < now);
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
