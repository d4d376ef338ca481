package dev.bms.plugins.email;

import dev.bms.spi.PluginConfig;
import dev.bms.spi.Secret;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated configuration of one email notifier.
 *
 * @param host SMTP server host
 * @param port SMTP server port
 * @param from sender address
 * @param to recipients, at least one
 * @param username SMTP AUTH user; AUTH is on when present
 * @param password SMTP AUTH password, from a secret reference (redacted in toString)
 * @param tls transport protection
 * @param timeout connect, read and write timeout
 * @param subjectPrefix put in front of every subject
 */
record EmailSettings(String host, int port, InternetAddress from, List<InternetAddress> to,
                     Optional<String> username, Optional<Secret> password, TlsMode tls,
                     Duration timeout, String subjectPrefix) {

  static final int DEFAULT_PORT = 587;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final String DEFAULT_SUBJECT_PREFIX = "[bms]";

  EmailSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(from, "from");
    to = List.copyOf(to);
    if (to.isEmpty()) {
      throw new IllegalArgumentException("an email notifier needs at least one recipient");
    }
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(subjectPrefix, "subjectPrefix");
  }

  /** Reads and validates every key, throwing one InvalidConfigException listing all problems. */
  static EmailSettings from(PluginConfig config) {
    String host = config.requireString("host");
    int port = config.intValue("port", DEFAULT_PORT, 1, 65_535);
    String fromRaw = config.requireString("from");
    InternetAddress from = fromRaw.isEmpty() ? null : parseAddress(config, "from", fromRaw);
    String toRaw = config.requireString("to");
    List<InternetAddress> to = toRaw.isEmpty() ? List.of() : parseAddressList(config, toRaw);
    Optional<String> username = config.optionalString("username");
    // A reference (secret:env:NAME...); a literal password is refused unless the application allows literals.
    boolean passwordGiven = config.optionalString("password").isPresent();
    Optional<Secret> password = config.optionalSecret("password");
    if (passwordGiven && username.isEmpty()) {
      config.problem("password", "is set but username is not (both are needed for SMTP AUTH)");
    }
    if (username.isPresent() && !passwordGiven) {
      config.problem("username", "is set but password is not (both are needed for SMTP AUTH)");
    }
    TlsMode tls = config.enumValue("tls", TlsMode.class, TlsMode.STARTTLS);
    Duration timeout = config.duration("timeout", DEFAULT_TIMEOUT);
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      config.problem("timeout", "'" + config.asMap().get("timeout") + "' must be positive and below 24 days");
      timeout = DEFAULT_TIMEOUT;
    }
    String subjectPrefix = config.string("subjectPrefix", DEFAULT_SUBJECT_PREFIX);
    config.validate();
    return new EmailSettings(host, port, from, to, username, password, tls, timeout, subjectPrefix);
  }

  private static List<InternetAddress> parseAddressList(PluginConfig config, String raw) {
    List<InternetAddress> out = new ArrayList<>();
    boolean emptyPart = false;
    for (String part : raw.split(",", -1)) {
      if (part.isBlank()) {
        emptyPart = true;
        continue;
      }
      InternetAddress address = parseAddress(config, "to", part.trim());
      if (address != null) {
        out.add(address);
      }
    }
    if (emptyPart) {
      config.problem("to", "'" + raw + "' has an empty address (a stray comma?)");
    }
    return out;
  }

  /** A strictly checked address, or null after recording a problem. */
  private static InternetAddress parseAddress(PluginConfig config, String key, String raw) {
    try {
      InternetAddress address = new InternetAddress(raw, true);
      address.validate();
      // Strict parsing still accepts "bob" (a local name); mail across the network needs a domain.
      if (!address.getAddress().contains("@")) {
        config.problem(key, "'" + raw + "' is not a valid email address: missing @domain");
        return null;
      }
      return address;
    } catch (AddressException e) {
      config.problem(key, "'" + raw + "' is not a valid email address: " + e.getMessage());
      return null;
    }
  }

  @Override
  public String toString() {
    // Never print the password.
    return "EmailSettings[host=" + host + ", port=" + port + ", from=" + from + ", to=" + to
        + ", username=" + username.orElse("-") + ", password=" + (password.isPresent() ? "***" : "-")
        + ", tls=" + tls + ", timeout=" + timeout + ", subjectPrefix=" + subjectPrefix + "]";
  }
}
