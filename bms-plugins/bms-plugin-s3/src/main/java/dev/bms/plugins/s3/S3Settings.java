package dev.bms.plugins.s3;

import dev.bms.api.model.MediaType;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * The validated keys of one {@code "s3"} target (each described in {@code docs/targets.md}).
 *
 * @param bucket the bucket holding the copies
 * @param prefix key prefix below which every copy lives: empty or ending in {@code /}
 * @param region the bucket's region (also the signing region of S3-compatible stores)
 * @param endpoint an endpoint replacing AWS's, for S3-compatible stores
 * @param pathStyle path-style addressing ({@code host/bucket/key}) instead of virtual hosts
 * @param accessKeyId static credentials, with {@code secretAccessKey}; else the SDK's default chain
 * @param secretAccessKey see {@code accessKeyId}
 * @param sessionToken temporary credentials' token
 * @param storageClass storage class of every object written
 * @param sse server-side encryption, when requested
 * @param sseKmsKeyId the KMS key for {@code aws:kms} encryption; empty for the bucket's default key
 * @param lockMode the Object Lock retention mode applied on commit
 * @param lockFor lock length used when the job asks for no retain-until date
 * @param partSize bytes buffered per open file: files up to it are one PUT, larger ones multipart
 * @param connectTimeout TCP connect timeout
 * @param operationTimeout longest single HTTP attempt
 * @param maxConnections HTTP connections kept at most
 * @param staleAfter age after which an unfinished multipart upload of another execution is aborted
 * @param mediaType what compliance counts the medium as
 * @param failureDomain what fails together with this bucket
 * @param offsite whether the bucket is away from the production site
 */
record S3Settings(String bucket, String prefix, String region, Optional<URI> endpoint, boolean pathStyle,
                  Optional<Secret> accessKeyId, Optional<Secret> secretAccessKey, Optional<Secret> sessionToken,
                  StorageClass storageClass, Optional<ServerSideEncryption> sse, Optional<String> sseKmsKeyId,
                  LockMode lockMode, Optional<Duration> lockFor, int partSize, Duration connectTimeout,
                  Duration operationTimeout, int maxConnections, Duration staleAfter, MediaType mediaType,
                  String failureDomain, boolean offsite) {
  static final int MIN_PART_MIB = 5;

  S3Settings {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
    Objects.requireNonNull(storageClass, "storageClass");
    Objects.requireNonNull(sse, "sse");
    Objects.requireNonNull(sseKmsKeyId, "sseKmsKeyId");
    Objects.requireNonNull(lockMode, "lockMode");
    Objects.requireNonNull(lockFor, "lockFor");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(operationTimeout, "operationTimeout");
    Objects.requireNonNull(staleAfter, "staleAfter");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(failureDomain, "failureDomain");
  }

  /** {@code s3://bucket/prefix} (endpoint host when not AWS), for messages; never credentials. */
  String describe() {
    return "s3://" + bucket + "/" + prefix + endpoint.map(e -> " at " + e).orElse("");
  }

  /** Reads and checks every key, recording every problem in {@code config}; then validates it. */
  static S3Settings from(PluginConfig config) {
    String bucket = config.requireString("bucket");
    String prefix = config.string("prefix", "");
    String region = config.string("region", "us-east-1");
    Optional<String> endpointText = config.optionalString("endpoint");
    boolean pathStyle = config.bool("pathStyle", false);
    Optional<Secret> accessKeyId = config.optionalSecret("accessKeyId");
    Optional<Secret> secretAccessKey = config.optionalSecret("secretAccessKey");
    Optional<Secret> sessionToken = config.optionalSecret("sessionToken");
    String storageClassText = config.string("storageClass", StorageClass.STANDARD.toString());
    String sseText = config.string("serverSideEncryption", "none");
    Optional<String> kmsKey = config.optionalString("sseKmsKeyId");
    LockMode lockMode = config.enumValue("objectLock", LockMode.class, LockMode.NONE);
    Optional<String> lockForText = config.optionalString("lockFor");
    Duration lockFor = config.duration("lockFor", Duration.ZERO);
    int partSizeMiB = config.intValue("partSizeMiB", 8, MIN_PART_MIB, 5 * 1024);
    Duration connectTimeout = config.duration("connectTimeout", Duration.ofSeconds(10));
    Duration operationTimeout = config.duration("operationTimeout", Duration.ofSeconds(120));
    int maxConnections = config.intValue("maxConnections", 16, 1, 512);
    Duration staleAfter = config.duration("staleAfter", Duration.ofDays(1));
    MediaType mediaType = config.enumValue("mediaType", MediaType.class, MediaType.OBJECT_STORAGE);
    Optional<String> failureDomain = config.optionalString("failureDomain");
    boolean offsite = config.bool("offsite", false);

    if (!bucket.isEmpty() && !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      config.problem("bucket", "'" + bucket + "' is not a valid bucket name (3-63 lowercase letters, digits, '.', '-')");
    }
    String normalizedPrefix = normalizePrefix(prefix);
    if (normalizedPrefix == null) {
      config.problem("prefix", "'" + prefix + "' must be a key prefix without empty, '.' or '..' segments or '\\'");
      normalizedPrefix = "";
    }
    if (!region.matches("[a-z0-9-]{1,40}")) {
      config.problem("region", "'" + region + "' is not a region name like eu-central-1");
    }
    Optional<URI> endpoint = endpointText.flatMap(text -> endpoint(config, text));
    if (accessKeyId.isPresent() != secretAccessKey.isPresent()
        && config.problems().stream().noneMatch(p -> p.startsWith("accessKeyId") || p.startsWith("secretAccessKey"))) {
      config.problem(accessKeyId.isPresent() ? "secretAccessKey" : "accessKeyId",
          "accessKeyId and secretAccessKey go together (or leave both out for the SDK's default credentials)");
    }
    if (sessionToken.isPresent() && accessKeyId.isEmpty()) {
      config.problem("sessionToken", "is set but accessKeyId is not");
    }
    StorageClass storageClass = StorageClass.fromValue(storageClassText.toUpperCase(Locale.ROOT));
    if (storageClass == StorageClass.UNKNOWN_TO_SDK_VERSION) {
      config.problem("storageClass", "'" + storageClassText + "' is not one of " + StorageClass.knownValues());
    }
    Optional<ServerSideEncryption> sse = Optional.empty();
    if (!sseText.equalsIgnoreCase("none")) {
      ServerSideEncryption parsed = ServerSideEncryption.fromValue(sseText);
      if (parsed == ServerSideEncryption.UNKNOWN_TO_SDK_VERSION) {
        config.problem("serverSideEncryption", "'" + sseText + "' is not none or one of " + ServerSideEncryption.knownValues());
      } else {
        sse = Optional.of(parsed);
      }
    }
    if (kmsKey.isPresent() && sse.filter(s -> s.toString().startsWith("aws:kms")).isEmpty()) {
      config.problem("sseKmsKeyId", "is set but serverSideEncryption is not aws:kms or aws:kms:dsse");
    }
    if (lockMode != LockMode.NONE && lockForText.isEmpty()) {
      config.problem("lockFor", "is required with objectLock " + lockMode
          + " (the lock length when the job's retention names no date, e.g. 30d)");
    }
    if (lockMode == LockMode.NONE && lockForText.isPresent()) {
      config.problem("lockFor", "is set but objectLock is none");
    }
    if (lockFor.isNegative()) {
      config.problem("lockFor", "'" + lockForText.orElse("") + "' must not be negative");
    }
    requirePositive(config, "connectTimeout", connectTimeout);
    requirePositive(config, "operationTimeout", operationTimeout);
    config.validate();
    String domain = failureDomain.orElse("s3:" + endpoint.map(URI::getHost).orElse("aws") + ":" + region + ":" + bucket);
    return new S3Settings(bucket, normalizedPrefix, region, endpoint, pathStyle, accessKeyId, secretAccessKey,
        sessionToken, storageClass, sse, kmsKey, lockMode,
        lockMode == LockMode.NONE ? Optional.empty() : Optional.of(lockFor), partSizeMiB * 1024 * 1024,
        connectTimeout, operationTimeout, maxConnections, staleAfter, mediaType, domain, offsite);
  }

  private static Optional<URI> endpoint(PluginConfig config, String text) {
    try {
      URI uri = new URI(text);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
          || uri.getUserInfo() != null) {
        config.problem("endpoint", "'" + text + "' must be an http:// or https:// URL with a host and no user info");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      config.problem("endpoint", "'" + text + "' is not a URL: " + e.getReason());
      return Optional.empty();
    }
  }

  /** {@code a/b} and {@code /a/b/} become {@code a/b/}; empty stays empty; null when malformed. */
  static String normalizePrefix(String prefix) {
    String p = prefix.trim();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.isEmpty()) {
      return "";
    }
    if (p.indexOf('\\') >= 0) {
      return null;
    }
    String body = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    for (String segment : body.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return null;
      }
    }
    return body + "/";
  }

  private static void requirePositive(PluginConfig config, String key, Duration d) {
    if (d.isZero() || d.isNegative()) {
      config.problem(key, "'" + d + "' must be positive");
    }
  }
}
