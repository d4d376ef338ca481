package dev.bms.spi;

import java.util.Objects;

/**
 * A credential handed to a plugin by {@link PluginConfig#requireSecret(String)} or
 * {@link PluginConfig#optionalSecret(String)}: a password, a key
 * passphrase, an access key. Its {@link #toString()} is redacted, so a secret that reaches a log
 * line, an exception message or a debugger's summary shows as {@code Secret[redacted]}; only
 * {@link #reveal()} gives the clear value, and a plugin calls it at the one place where the value
 * goes to its client library.
 *
 * <p>Job definitions never hold the value itself but a reference such as
 * {@code secret:env:SFTP_PASSWORD}, {@code secret:file:/run/secrets/s3-key} or a name resolved by
 * an application's {@link SecretResolver} ({@code secret:vault:backup/s3}); see
 * {@code docs/targets.md}.
 *
 * @since 0.1.0
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a clear value.
   *
   * @throws IllegalArgumentException when {@code value} is empty
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /** The clear value. Hand it to the client library that needs it; never log or store it. */
  public String reveal() {
    return value;
  }

  /** Always {@code Secret[redacted]}. */
  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
