package dev.bms.plugins.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import dev.bms.api.InvalidConfigException;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.BmsPlugin;
import dev.bms.spi.LockEnforcement;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import dev.bms.testkit.jdbc.TcpProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/** What the kit does not cover: lock read-back, Object Lock missing, multipart, aborts, credentials, a server going away. */
class S3TargetTest {
  private static S3TestServer server;
  private static String bucket;
  private static String lockBucket;

  @TempDir
  Path dir;

  private final List<BackupTarget> targets = new ArrayList<>();
  private final String prefix = "t-" + UUID.randomUUID() + "/";

  @BeforeAll
  static void startServer() {
    server = S3TestServer.shared();
    bucket = server.bucket();
    lockBucket = server.lockBucket();
  }

  @AfterEach
  void closeTargets() {
    targets.forEach(BackupTarget::close);
  }

  @Test
  void aComplianceLockIsAppliedToEveryObjectAndReadBackAsEnforced() throws IOException {
    BackupTarget target = target(locking("compliance"));
    Instant requested = Instant.now().plus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    StoredCopy copy = write(target, request().withRetainUntil(requested), Map.of("a.txt", bytes("a"), "b/c.txt", bytes("c")));

    assertThat(target.capabilities().immutable()).isTrue();
    assertThat(target.capabilities().lockEnforcement()).isEqualTo(LockEnforcement.ENFORCED);
    assertThat(copy.immutableUntil()).contains(requested);
    assertThat(target.lockedUntil(copy.location())).contains(requested);
    String[] bp = S3TestServer.bucketAndPrefix(copy.location());
    List<String> keys = server.keys(bp[0], bp[1]);
    assertThat(keys).containsExactly(bp[1] + "data/a.txt", bp[1] + "data/b/c.txt", bp[1] + "manifest.tsv");
    for (String key : keys) {
      var retention = server.client().getObjectRetention(b -> b.bucket(bp[0]).key(key)).retention();
      assertThat(retention.mode()).as("mode of %s", key).isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
      assertThat(retention.retainUntilDate()).as("retain-until of %s", key).isCloseTo(requested, within(1, ChronoUnit.SECONDS));
    }
  }

  @Test
  void lockForAppliesWhenTheJobAsksForNoDate() throws IOException {
    BackupTarget target = target(locking("compliance"));
    Instant before = Instant.now();

    StoredCopy copy = write(target, request(), Map.of("a.txt", bytes("a")));

    assertThat(copy.immutableUntil().orElseThrow()).isBetween(before.plus(1, ChronoUnit.DAYS).minusSeconds(1),
        Instant.now().plus(1, ChronoUnit.DAYS).plusSeconds(1));
    assertThat(target.lockedUntil(copy.location())).isEqualTo(copy.immutableUntil());
  }

  @Test
  void theLockPeriodIsLockForWithAnObjectLockAndZeroWithout() {
    assertThat(target(locking("compliance")).lockPeriod()).isEqualTo(java.time.Duration.ofDays(1));
    assertThat(target(server.config(bucket, prefix)).lockPeriod()).isZero();
  }

  @Test
  void aGovernanceLockIsAdvisoryAndIsNoProofForACompliancePolicy() throws IOException {
    BackupTarget governance = target(locking("governance"));
    StoredCopy copy = write(governance, request(), Map.of("a.txt", bytes("a")));
    assertThat(governance.capabilities().lockEnforcement()).isEqualTo(LockEnforcement.ADVISORY);
    assertThat(governance.lockedUntil(copy.location())).isEqualTo(copy.immutableUntil());

    BackupTarget compliance = target(locking("compliance"));
    assertThat(compliance.lockedUntil(copy.location())).as("GOVERNANCE found where COMPLIANCE is configured").isEmpty();
  }

  @Test
  void aFileWithoutRetentionMakesTheWholeCopyUnproven() throws IOException {
    BackupTarget target = target(locking("compliance"));
    StoredCopy copy = write(target, request(), Map.of("a.txt", bytes("a")));
    String[] bp = S3TestServer.bucketAndPrefix(copy.location());

    // a new version of one file, written around bms, carries no retention
    server.client().putObject(b -> b.bucket(bp[0]).key(bp[1] + "data/a.txt"), RequestBody.fromString("a"));

    assertThat(target.lockedUntil(copy.location())).isEmpty();
  }

  @Test
  void aBucketWithoutObjectLockIsRefusedAtTheFirstWriteWithTheReason() throws IOException {
    Map<String, String> config = server.config(bucket, prefix);
    config.put("objectLock", "compliance");
    config.put("lockFor", "1d");
    BackupTarget target = target(config);

    assertThatThrownBy(() -> target.openWrite(request()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("objectLock")
        .hasMessageContaining("bucket '" + bucket + "' does not have Object Lock enabled");
    assertThat(server.keys(bucket, prefix)).isEmpty();
  }

  @Test
  void aFileLargerThanOnePartIsStreamedInPartsAndReadsBackIntact() throws Exception {
    Map<String, String> config = server.config(bucket, prefix);
    config.put("partSizeMiB", "5");
    BackupTarget target = target(config);
    byte[] big = new byte[12 * 1024 * 1024 + 3];
    new Random(7).nextBytes(big);

    WriteSession session = target.openWrite(request());
    try (OutputStream out = session.openEntry("big.bin", big.length)) {
      out.write(big, 0, 6 * 1024 * 1024);
      // one part has left memory before the file ended: the upload is in flight with a 5 MiB part
      assertThat(server.uploads(bucket, prefix)).hasSize(1).allMatch(k -> k.endsWith("/data/big.bin"));
      out.write(big, 6 * 1024 * 1024, big.length - 6 * 1024 * 1024);
    }
    StoredCopy copy = session.commit(manifest(Map.of("big.bin", big)));

    assertThat(server.uploads(bucket, prefix)).isEmpty();
    try (InputStream in = target.openRead(copy.location(), "big.bin")) {
      assertThat(in.readAllBytes()).isEqualTo(big);
    }
    String[] bp = S3TestServer.bucketAndPrefix(copy.location());
    HeadObjectResponse head = server.client().headObject(b -> b.bucket(bp[0]).key(bp[1] + "data/big.bin"));
    assertThat(head.contentLength()).isEqualTo(big.length);
    assertThat(target.verify(copy.location(), manifest(Map.of("big.bin", big))).problems()).isEmpty();
  }

  @Test
  void abortWithAPartInFlightLeavesNoObjectsAndNoUploads() throws IOException {
    Map<String, String> config = server.config(bucket, prefix);
    config.put("partSizeMiB", "5");
    BackupTarget target = target(config);
    byte[] chunk = new byte[6 * 1024 * 1024];

    WriteSession session = target.openWrite(request());
    writeEntry(session, "small.txt", bytes("small"));
    OutputStream open = session.openEntry("big.bin", 20L * 1024 * 1024);
    open.write(chunk);
    assertThat(server.uploads(bucket, prefix)).hasSize(1);
    assertThat(server.keys(bucket, prefix)).hasSize(1);

    session.abort();

    assertThat(server.keys(bucket, prefix)).as("objects after abort").isEmpty();
    assertThat(server.uploads(bucket, prefix)).as("multipart uploads after abort").isEmpty();
    assertThatThrownBy(() -> open.write(chunk)).isInstanceOf(IOException.class);
    session.abort(); // idempotent
  }

  @Test
  void aWrongAccessKeyIsRefusedWithAClearErrorThatHoldsNoSecret() throws IOException {
    try (CredentialCheckingProxy proxy = new CredentialCheckingProxy(server.endpoint(), S3TestServer.ACCESS_KEY_ID)) {
      Map<String, String> good = server.config(bucket, prefix);
      good.put("endpoint", proxy.endpoint());
      StoredCopy copy = write(target(good), request(), Map.of("a.txt", bytes("a")));
      assertThat(target(good).list(copy.location())).containsExactly("a.txt");

      Map<String, String> wrong = new java.util.HashMap<>(good);
      wrong.put("accessKeyId", "AKIAWRONGWRONGWRONG");
      wrong.put("secretAccessKey", "wrong-secret-value-93c1");
      BackupTarget target = target(wrong);

      Throwable writing = catchThrowable(() -> target.openWrite(request()));
      Throwable listing = catchThrowable(() -> target.list(copy.location()));
      for (Throwable t : List.of(writing, listing)) {
        assertThat(t).isInstanceOf(S3AccessDeniedException.class)
            // HEAD answers carry no error body, so the code is only the status there
            .hasMessageContaining("refused by S3 (403").hasMessageContaining(bucket)
            .hasMessageContaining("accessKeyId/secretAccessKey");
        assertThat(String.valueOf(t) + t.getCause()).doesNotContain("wrong-secret-value-93c1");
      }
    }
  }

  @Test
  void aServerStoppedMidCopyFailsTheCopyAndARetryLeavesOnlyTheRetry() throws IOException {
    try (TcpProxy proxy = TcpProxy.to("127.0.0.1", server.port())) {
      Map<String, String> config = server.config(bucket, prefix);
      config.put("endpoint", "http://127.0.0.1:" + proxy.port());
      config.put("operationTimeout", "10s");
      BackupTarget target = target(config);
      WriteRequest request = request();

      WriteSession session = target.openWrite(request);
      writeEntry(session, "first.txt", bytes("written before the outage"));
      proxy.cut();
      assertThatThrownBy(() -> writeEntry(session, "second.txt", bytes("never arrives"))).isInstanceOf(IOException.class);
      session.abort(); // cannot reach S3: must not throw
      proxy.restore();
      assertThat(server.keys(bucket, prefix)).as("left by the failed attempt, no manifest").hasSize(1)
          .noneMatch(k -> k.endsWith("manifest.tsv"));

      StoredCopy retry = write(target, request, Map.of("second.txt", bytes("second")));

      String[] bp = S3TestServer.bucketAndPrefix(retry.location());
      assertThat(server.keys(bucket, prefix)).as("the retry removed the leftover")
          .containsExactly(bp[1] + "data/second.txt", bp[1] + "manifest.tsv");
      assertThat(target.list(retry.location())).containsExactly("second.txt");
    }
  }

  @Test
  void storageClassAndServerSideEncryptionAreAppliedToEveryObject() throws IOException {
    Map<String, String> config = server.config(bucket, prefix);
    config.put("storageClass", "standard_ia");
    config.put("serverSideEncryption", "AES256");
    StoredCopy copy = write(target(config), request(), Map.of("a.txt", bytes("a")));

    String[] bp = S3TestServer.bucketAndPrefix(copy.location());
    for (String key : server.keys(bp[0], bp[1])) {
      HeadObjectResponse head = server.client().headObject(b -> b.bucket(bp[0]).key(key));
      assertThat(head.storageClass()).as("storage class of %s", key).isEqualTo(StorageClass.STANDARD_IA);
      assertThat(head.serverSideEncryption()).as("encryption of %s", key).isEqualTo(ServerSideEncryption.AES256);
    }
  }

  @Test
  void restoreRefusesAFileWhoseHashDiffersFromTheManifest() throws IOException {
    BackupTarget target = target(server.config(bucket, prefix));
    Map<String, byte[]> files = Map.of("a.txt", bytes("original"));
    StoredCopy copy = write(target, request(), files);
    String[] bp = S3TestServer.bucketAndPrefix(copy.location());
    server.client().putObject(b -> b.bucket(bp[0]).key(bp[1] + "data/a.txt"), RequestBody.fromString("tampered"));

    assertThatThrownBy(() -> target.restore(copy.location(), manifest(files), dir.resolve("out")))
        .isInstanceOf(IOException.class).hasMessageContaining("a.txt does not match the manifest");
    assertThat(dir.resolve("out/a.txt")).doesNotExist();
  }

  @Test
  void everyConfigurationProblemIsReportedAtOnce() {
    Map<String, String> config = new java.util.HashMap<>(Map.of("bucket", "Not_A_Bucket", "prefix", "a/../b",
        "endpoint", "ftp://x", "objectLock", "compliance", "storageClass", "SHELF", "accessKeyId", "id-only",
        "sseKmsKeyId", "k", "rooot", "x"));

    assertThatThrownBy(() -> new S3TargetFactory().create(S3TestServer.pluginConfig(config), java.time.Clock.systemUTC()))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).hasSize(8)
            .anyMatch(p -> p.startsWith("bucket:")).anyMatch(p -> p.startsWith("prefix:"))
            .anyMatch(p -> p.startsWith("endpoint:")).anyMatch(p -> p.startsWith("lockFor: is required"))
            .anyMatch(p -> p.startsWith("storageClass:")).anyMatch(p -> p.startsWith("secretAccessKey:"))
            .anyMatch(p -> p.startsWith("sseKmsKeyId:")).anyMatch(p -> p.startsWith("rooot: unknown key")));
  }

  @Test
  void aLiteralSecretIsRefusedByDefaultWithoutEchoingIt() {
    Map<String, String> config = server.config(bucket, prefix);

    assertThatThrownBy(() -> new S3TargetFactory().create(new PluginConfig("target 's3'", config), java.time.Clock.systemUTC()))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
            .anyMatch(p -> p.startsWith("secretAccessKey: holds a literal secret"))
            .noneMatch(p -> p.contains(S3TestServer.SECRET_ACCESS_KEY)))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(S3TestServer.SECRET_ACCESS_KEY));
  }

  @Test
  void secretReferencesAreResolved() throws IOException {
    Path secret = Files.writeString(dir.resolve("s3-secret"), S3TestServer.SECRET_ACCESS_KEY + "\n");
    Path id = Files.writeString(dir.resolve("s3-id"), S3TestServer.ACCESS_KEY_ID);
    Map<String, String> config = server.config(bucket, prefix);
    config.put("accessKeyId", "secret:file:" + id);
    config.put("secretAccessKey", "secret:file:" + secret);
    BackupTarget target = new S3TargetFactory().create(new PluginConfig("target 's3'", config), java.time.Clock.systemUTC());
    targets.add(target);

    StoredCopy copy = write(target, request(), Map.of("a.txt", bytes("a")));

    assertThat(target.list(copy.location())).containsExactly("a.txt");
    assertThat(target.toString()).doesNotContain(S3TestServer.SECRET_ACCESS_KEY);
  }

  @Test
  void thePluginIsFoundByServiceLoader() {
    assertThat(ServiceLoader.load(BmsPlugin.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("s3")).flatMap(p -> p.targets().stream()).map(f -> f.type()))
        .containsExactly("s3");
  }

  // ---- helpers ----

  private Map<String, String> locking(String mode) {
    Map<String, String> config = server.config(lockBucket, prefix);
    config.put("objectLock", mode);
    config.put("lockFor", "1d");
    return config;
  }

  private BackupTarget target(Map<String, String> config) {
    BackupTarget t = new S3TargetFactory().create(S3TestServer.pluginConfig(config), java.time.Clock.systemUTC());
    targets.add(t);
    return t;
  }

  private static WriteRequest request() {
    return new WriteRequest(new JobId(UUID.randomUUID()), "s3 test", new ExecutionId(UUID.randomUUID()), "primary",
        Instant.now());
  }

  private static StoredCopy write(BackupTarget target, WriteRequest request, Map<String, byte[]> files) throws IOException {
    WriteSession session = target.openWrite(request);
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        writeEntry(session, f.getKey(), f.getValue());
      }
      return session.commit(manifest(files));
    } catch (IOException | RuntimeException e) {
      session.abort();
      throw e;
    }
  }

  private static void writeEntry(WriteSession session, String path, byte[] content) throws IOException {
    try (OutputStream out = session.openEntry(path, content.length)) {
      out.write(content);
    }
  }

  private static Manifest manifest(Map<String, byte[]> files) {
    return new Manifest(files.entrySet().stream().map(f -> new ManifestEntry(f.getKey(), f.getValue().length,
        sha256(f.getValue()))).toList());
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
