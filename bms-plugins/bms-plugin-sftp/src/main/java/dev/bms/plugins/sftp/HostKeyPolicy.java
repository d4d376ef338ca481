package dev.bms.plugins.sftp;

import dev.bms.spi.PluginConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the server's host key is checked; one of the two is required, there is no "accept any key".
 *
 * @param knownHosts an OpenSSH {@code known_hosts} file naming the server
 * @param fingerprint a pinned {@code SHA256:...} fingerprint (as {@code ssh-keygen -lf} prints it)
 */
record HostKeyPolicy(Optional<Path> knownHosts, Optional<String> fingerprint) {

  static HostKeyPolicy from(PluginConfig config, Optional<Path> knownHosts, Optional<String> fingerprint) {
    if (knownHosts.isEmpty() && fingerprint.isEmpty()) {
      config.problem("knownHosts", "host key verification is required: set knownHosts (a known_hosts file) "
          + "or hostKeyFingerprint (SHA256:... as printed by ssh-keygen -lf)");
    }
    if (knownHosts.isPresent() && fingerprint.isPresent()) {
      config.problem("hostKeyFingerprint", "set either knownHosts or hostKeyFingerprint, not both");
    }
    knownHosts.ifPresent(file -> {
      if (!file.isAbsolute() || !Files.isReadable(file)) {
        config.problem("knownHosts", "'" + file + "' must be an absolute path to a readable known_hosts file");
      }
    });
    Optional<String> normalized = fingerprint.map(HostKeyPolicy::normalize);
    fingerprint.ifPresent(fp -> {
      String n = normalize(fp);
      if (!n.startsWith("SHA256:") || n.length() != "SHA256:".length() + 43) {
        config.problem("hostKeyFingerprint", "'" + fp + "' is not a SHA256 fingerprint like SHA256:"
            + "nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8");
      }
    });
    return new HostKeyPolicy(knownHosts, normalized);
  }

  /** {@code SHA256:<base64 without padding>}; a bare base64 value gets the prefix. */
  static String normalize(String fingerprint) {
    String fp = fingerprint.trim();
    if (!fp.regionMatches(true, 0, "SHA256:", 0, 7)) {
      fp = "SHA256:" + fp;
    }
    String body = fp.substring(7);
    while (body.endsWith("=")) {
      body = body.substring(0, body.length() - 1);
    }
    return "SHA256:" + body;
  }
}
