package dev.bms.plugins.s3;

import com.adobe.testing.s3mock.S3MockApplication;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * Adobe's S3Mock (a Spring Boot server speaking the S3 REST API) started once per test JVM on a
 * free port, with a raw SDK client for arranging and inspecting what the target wrote. S3Mock does
 * not check credentials and does not enforce Object Lock retention on delete; see docs/targets.md.
 */
final class S3TestServer {
  static final String ACCESS_KEY_ID = "bms-test-key-id";
  static final String SECRET_ACCESS_KEY = "bms-test-secret-7d1f";

  private static S3TestServer shared;

  private final S3MockApplication app;
  private final int port;
  private final S3Client client;

  private S3TestServer(S3MockApplication app, int port) {
    this.app = app;
    this.port = port;
    this.client = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint()))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .build();
  }

  /** The server of this JVM, started on first use (Spring Boot takes a few seconds). */
  @SuppressWarnings("deprecation")
  static synchronized S3TestServer shared() {
    if (shared == null) {
      try {
        Path root = Files.createTempDirectory("s3mock");
        Map<String, Object> props = new HashMap<>();
        props.put("http.port", 0);
        props.put("server.port", 0);
        props.put("silent", true);
        props.put("com.adobe.testing.s3mock.store.root", root.toString());
        props.put("spring.main.register-shutdown-hook", false);
        S3MockApplication app = S3MockApplication.start(props);
        shared = new S3TestServer(app, app.getHttpPort());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  S3Client client() {
    return client;
  }

  /** A new bucket without Object Lock. */
  String bucket() {
    String name = "b-" + UUID.randomUUID();
    client.createBucket(b -> b.bucket(name));
    return name;
  }

  /** A new bucket with Object Lock enabled and versioning on, as AWS creates them. */
  String lockBucket() {
    String name = "l-" + UUID.randomUUID();
    client.createBucket(b -> b.bucket(name).objectLockEnabledForBucket(true));
    client.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    return name;
  }

  /** Target keys for {@code bucket} on this server, credentials given literally. */
  Map<String, String> config(String bucket, String prefix) {
    Map<String, String> config = new HashMap<>();
    config.put("bucket", bucket);
    config.put("prefix", prefix);
    config.put("endpoint", endpoint());
    config.put("pathStyle", "true");
    config.put("region", "us-east-1");
    config.put("accessKeyId", ACCESS_KEY_ID);
    config.put("secretAccessKey", SECRET_ACCESS_KEY);
    return config;
  }

  /** A plugin configuration that accepts the literal test credentials. */
  static PluginConfig pluginConfig(Map<String, String> config) {
    return new PluginConfig("target 's3'", config, Secrets.of(List.of(), true));
  }

  /** The bucket and key prefix (ending in {@code /}) a location names. */
  static String[] bucketAndPrefix(String location) {
    String rest = location.substring("s3://".length());
    int slash = rest.indexOf('/');
    return new String[] {rest.substring(0, slash), rest.substring(slash + 1) + "/"};
  }

  /** Every key below {@code prefix} in {@code bucket}. */
  List<String> keys(String bucket, String prefix) {
    return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(o -> o.key()).sorted().toList();
  }

  /** Every unfinished multipart upload below {@code prefix}. */
  List<String> uploads(String bucket, String prefix) {
    return client.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).uploads().stream()
        .map(u -> u.key()).toList();
  }

  void stop() {
    app.stop();
  }
}
