package dev.bms.plugins.filesystem;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.UnknownHostException;

/**
 * This machine's name, for the default failure domain. Looked up once per JVM and only when a
 * target leaves {@code failureDomain} unset: {@link InetAddress#getLocalHost()}, the last resort after the environment and
 * {@code /proc/sys/kernel/hostname}, may ask DNS.
 */
final class Hostname {
  private Hostname() {
  }

  static String get() {
    return Holder.NAME;
  }

  private static final class Holder {
    static final String NAME = lookup();

    private static String lookup() {
      for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
        String v = System.getenv(variable);
        if (v != null && !v.isBlank()) {
          return v.trim();
        }
      }
      try {
        Path linux = Path.of("/proc/sys/kernel/hostname");
        if (Files.isReadable(linux)) {
          String name = Files.readString(linux).trim();
          if (!name.isEmpty()) {
            return name;
          }
        }
      } catch (IOException | RuntimeException e) {
        // fall through to the resolver
      }
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }
}
