package dev.bms.plugins.sftp;

import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.PluginConfig;
import java.time.Clock;

/**
 * Creates {@code "sftp"} targets. Checks keys and local files only (bms calls this to validate a
 * job): no connection is opened until the first write or read.
 */
final class SftpTargetFactory implements BackupTargetFactory {
  static final String TYPE = "sftp";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public BackupTarget create(PluginConfig config) {
    return create(config, Clock.systemUTC());
  }

  /** As {@link #create(PluginConfig)}, with the clock leftovers' age is measured by. */
  BackupTarget create(PluginConfig config, Clock clock) {
    return new SftpTarget(SftpSettings.from(config), clock);
  }
}
