package dev.bms.plugins.s3;

import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.PluginConfig;
import java.time.Clock;

/**
 * Creates {@code "s3"} targets. Checks keys only (bms calls this to validate a job): the bucket,
 * and for a locking target its Object Lock configuration, are checked at the first write, which
 * fails with the reason when Object Lock is missing.
 */
final class S3TargetFactory implements BackupTargetFactory {
  static final String TYPE = "s3";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public BackupTarget create(PluginConfig config) {
    return create(config, Clock.systemUTC());
  }

  /** As {@link #create(PluginConfig)}, with the clock lock dates are computed and checked by. */
  BackupTarget create(PluginConfig config, Clock clock) {
    return new S3Target(S3Settings.from(config), clock);
  }
}
