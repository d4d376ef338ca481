package dev.bms.plugins.s3;

import dev.bms.spi.BackupTarget;
import dev.bms.testkit.target.BackupTargetContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The target kit against S3Mock: a plain bucket for {@link #createTarget}, an Object Lock bucket
 * (versioned) for {@link #createImmutableTarget}, COMPLIANCE mode. Each kit directory maps to its
 * own key prefix, so a target re-created on the same directory (the crash test) sees the same copies.
 */
class S3TargetContractTest extends BackupTargetContract {
  private static S3TestServer server;
  private static String bucket;
  private static String lockBucket;

  @BeforeAll
  static void startServer() {
    server = S3TestServer.shared();
    bucket = server.bucket();
    lockBucket = server.lockBucket();
  }

  @Override
  protected BackupTarget createTarget(Path dir) {
    return new S3TargetFactory().create(S3TestServer.pluginConfig(server.config(bucket, prefix(dir))));
  }

  @Override
  protected Optional<BackupTarget> createImmutableTarget(Path dir, Clock clock) {
    Map<String, String> config = server.config(lockBucket, prefix(dir));
    config.put("objectLock", "compliance");
    config.put("lockFor", "7d");
    return Optional.of(new S3TargetFactory().create(S3TestServer.pluginConfig(config), clock));
  }

  @Override
  protected void flipOneByte(BackupTarget target, String location, String path) throws IOException {
    String[] bp = S3TestServer.bucketAndPrefix(location);
    String key = bp[1] + "data/" + path;
    byte[] bytes = server.client().getObjectAsBytes(b -> b.bucket(bp[0]).key(key)).asByteArray();
    bytes[bytes.length / 2] ^= 0x01;
    server.client().putObject(b -> b.bucket(bp[0]).key(key), RequestBody.fromBytes(bytes));
  }

  @Override
  protected void removeStoredFile(BackupTarget target, String location, String path) {
    String[] bp = S3TestServer.bucketAndPrefix(location);
    server.client().deleteObject(b -> b.bucket(bp[0]).key(bp[1] + "data/" + path));
  }

  private static String prefix(Path dir) {
    return "kit-" + UUID.nameUUIDFromBytes(dir.toString().getBytes(StandardCharsets.UTF_8)) + "/";
  }
}
