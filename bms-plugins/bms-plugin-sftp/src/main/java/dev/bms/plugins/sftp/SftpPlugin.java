package dev.bms.plugins.sftp;

import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import java.util.List;

/**
 * Provides the {@code "sftp"} target: copies written to an SFTP server through Apache MINA SSHD's
 * client, with the server's host key verified (a known-hosts file or a pinned fingerprint),
 * password or key authentication, writes under a temporary name renamed on commit, and a bounded
 * connection pool. Registered in {@code META-INF/services/dev.bms.spi.BmsPlugin}. Keys:
 * {@code docs/targets.md}.
 *
 * <pre>{@code
 * CopySpec.target("sftp", Map.of(
 *     "host", "backup.example.com", "username", "bms", "password", "secret:env:BMS_SFTP_PASSWORD",
 *     "knownHosts", "/etc/bms/known_hosts", "root", "/srv/backups")).named("offsite").offsite()
 * }</pre>
 */
public final class SftpPlugin implements BmsPlugin {

  /** Creates the plugin; ServiceLoader needs the public no-argument constructor. */
  public SftpPlugin() {
  }

  @Override
  public String name() {
    return "sftp";
  }

  @Override
  public List<BackupTargetFactory> targets() {
    return List.of(new SftpTargetFactory());
  }
}
