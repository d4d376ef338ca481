package dev.bms.plugins.sftp;

import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;

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

  /** Leftovers' ages are measured by the context's clock; credentials are read as {@link dev.bms.spi.Secret}s. */
  @Override
  public BackupTarget create(PluginConfig config, PluginContext context) {
    return new SftpTarget(SftpSettings.from(config), context.clock());
  }
}
