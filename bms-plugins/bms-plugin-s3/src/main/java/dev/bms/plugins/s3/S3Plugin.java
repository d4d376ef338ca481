package dev.bms.plugins.s3;

import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import java.util.List;

/**
 * Provides the {@code "s3"} target: copies written to an S3 bucket (AWS or any S3-compatible store)
 * through the AWS SDK for Java v2, streamed in parts with bounded memory, visible only once their
 * manifest is written, optionally locked with S3 Object Lock (COMPLIANCE counts as an enforced
 * lock, GOVERNANCE as advisory) and the lock read back from the bucket as proof. Registered in
 * {@code META-INF/services/dev.bms.spi.BmsPlugin}. Keys and IAM permissions: {@code docs/targets.md}.
 *
 * <pre>{@code
 * CopySpec.target("s3", Map.of(
 *     "bucket", "acme-backups", "region", "eu-central-1",
 *     "accessKeyId", "secret:env:BMS_S3_KEY_ID", "secretAccessKey", "secret:env:BMS_S3_SECRET",
 *     "objectLock", "compliance", "lockFor", "30d")).named("vault").offsite()
 * }</pre>
 */
public final class S3Plugin implements BmsPlugin {

  /** Creates the plugin; ServiceLoader needs the public no-argument constructor. */
  public S3Plugin() {
  }

  @Override
  public String name() {
    return "s3";
  }

  @Override
  public List<BackupTargetFactory> targets() {
    return List.of(new S3TargetFactory());
  }
}
