package dev.bms.plugins.sftp;

import dev.bms.api.model.MediaType;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated keys of one {@code "sftp"} target (every key is described in {@code docs/targets.md}).
 *
 * @param host server name or address
 * @param port server port
 * @param username login
 * @param password password, when password authentication is used
 * @param privateKey private key file (OpenSSH or PEM), when key authentication is used
 * @param privateKeyPassphrase the key file's passphrase, when it has one
 * @param hostKeys how the server's host key is checked
 * @param root absolute remote directory holding the copies; must exist
 * @param connectTimeout TCP connect, key exchange and authentication together
 * @param operationTimeout longest wait for one SFTP reply, for window space and for a free connection
 * @param maxConnections connections kept to the server at most (each open entry or read holds one)
 * @param staleAfter age after which a {@code .partial} leftover of another execution is removed
 * @param mediaType what compliance counts the medium as
 * @param failureDomain what fails together with this server
 * @param offsite whether the server is away from the production site
 */
record SftpSettings(String host, int port, String username, Optional<Secret> password, Optional<Path> privateKey,
                    Optional<Secret> privateKeyPassphrase, HostKeyPolicy hostKeys, String root, Duration connectTimeout,
                    Duration operationTimeout, int maxConnections, Duration staleAfter, MediaType mediaType,
                    String failureDomain, boolean offsite) {
  SftpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(privateKeyPassphrase, "privateKeyPassphrase");
    Objects.requireNonNull(hostKeys, "hostKeys");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(operationTimeout, "operationTimeout");
    Objects.requireNonNull(staleAfter, "staleAfter");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(failureDomain, "failureDomain");
  }

  /** {@code host:port}, for messages. */
  String address() {
    return host + ":" + port;
  }

  /** Reads and checks every key, recording every problem in {@code config}; then validates it. */
  static SftpSettings from(PluginConfig config) {
    String host = config.requireString("host");
    int port = config.intValue("port", 22, 1, 65_535);
    String username = config.requireString("username");
    Optional<Secret> password = config.optionalSecret("password");
    Optional<Path> privateKey = config.optionalPath("privateKey");
    Optional<Secret> passphrase = config.optionalSecret("privateKeyPassphrase");
    Optional<Path> knownHosts = config.optionalPath("knownHosts");
    Optional<String> fingerprint = config.optionalString("hostKeyFingerprint");
    String root = config.requireString("root");
    Duration connectTimeout = config.duration("connectTimeout", Duration.ofSeconds(10));
    Duration operationTimeout = config.duration("operationTimeout", Duration.ofSeconds(60));
    int maxConnections = config.intValue("maxConnections", 4, 1, 64);
    Duration staleAfter = config.duration("staleAfter", Duration.ofDays(1));
    MediaType mediaType = config.enumValue("mediaType", MediaType.class, MediaType.REMOTE_HOST);
    boolean offsite = config.bool("offsite", false);
    Optional<String> failureDomain = config.optionalString("failureDomain");

    if (password.isEmpty() && privateKey.isEmpty() && config.optionalString("password").isEmpty()) {
      config.problem("password", "either password or privateKey is required");
    }
    privateKey.ifPresent(key -> {
      if (!key.isAbsolute() || !Files.isReadable(key)) {
        config.problem("privateKey", "'" + key + "' must be an absolute path to a readable key file");
      }
    });
    if (passphrase.isPresent() && privateKey.isEmpty()) {
      config.problem("privateKeyPassphrase", "is set but privateKey is not");
    }
    HostKeyPolicy hostKeys = HostKeyPolicy.from(config, knownHosts, fingerprint);
    if (!root.isEmpty() && (!root.startsWith("/") || RemotePaths.hasDotSegment(root))) {
      config.problem("root", "'" + root + "' must be an absolute remote path without '.' or '..' segments");
    }
    requirePositive(config, "connectTimeout", connectTimeout);
    requirePositive(config, "operationTimeout", operationTimeout);
    config.validate();
    return new SftpSettings(host, port, username, password, privateKey, passphrase, hostKeys,
        RemotePaths.normalizeRoot(root), connectTimeout, operationTimeout, maxConnections, staleAfter, mediaType,
        failureDomain.orElse("sftp:" + host + ":" + port), offsite);
  }

  private static void requirePositive(PluginConfig config, String key, Duration d) {
    if (d.isZero() || d.isNegative()) {
      config.problem(key, "'" + d + "' must be positive");
    }
  }
}
