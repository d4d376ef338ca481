package dev.bms.benchmarks;

import com.adobe.testing.s3mock.S3MockApplication;
import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 data path: a managed backup ({@code runNow} of a job whose one copy is on the {@code "s3"}
 * target: read once, SHA-256 once, PutObject per file, or multipart above the 8 MiB part size,
 * manifest committed last, execution recorded in H2) beside the raw limit, the plain SDK client
 * (same Apache 5 transport, path-style) putting every file of the same tree with the same part size
 * while a {@link DigestInputStream} computes its SHA-256. The server is Adobe's S3Mock, in-process
 * on a free port as in the plugin's tests; both sides write to the same bucket, and every object is
 * deleted after each invocation. Divide the tree size by the time per operation for MB/s; the ratio
 * bms/raw is the figure that matters.
 */
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class S3BackupBenchmark {
  private static final String KEY_ID = "bench-key-id";
  private static final String SECRET = "bench-secret";
  /** The plugin's default {@code partSizeMiB}. */
  private static final int PART_SIZE = 8 * 1024 * 1024;

  @Param({"1000"})
  public int files;

  @Param({"256"})
  public int totalMiB;

  private Path work;
  private Path source;
  private List<Path> sourceFiles;
  private S3MockApplication server;
  private S3Client s3;
  private String bucket;
  private BackupManager bms;
  private JobId job;
  private int rawRun;

  @Setup(Level.Trial)
  @SuppressWarnings("deprecation")
  public void setUp() throws IOException {
    work = Files.createTempDirectory("bms-bench-s3-");
    source = BenchmarkFiles.tree(work.resolve("source"), files, totalMiB * 1024L * 1024L);
    try (Stream<Path> walk = Files.walk(source)) {
      sourceFiles = walk.filter(Files::isRegularFile).sorted().toList();
    }
    // slf4j-nop is this module's binding and Logback comes with S3Mock: Spring Boot must not insist on Logback
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    Map<String, Object> props = new HashMap<>();
    props.put("http.port", 0);
    props.put("server.port", 0);
    props.put("silent", true);
    props.put("com.adobe.testing.s3mock.store.root", Files.createDirectories(work.resolve("s3mock")).toString());
    props.put("spring.main.register-shutdown-hook", false);
    server = S3MockApplication.start(props);
    String endpoint = "http://127.0.0.1:" + server.getHttpPort();
    s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint)).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
        .httpClientBuilder(Apache5HttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(120)).maxConnections(16))
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofSeconds(120)))
        .build();
    bucket = "bench";
    s3.createBucket(b -> b.bucket(bucket));

    bms = Bms.builder().storage(JdbcStorage.embedded(work.resolve("db"))).allowLiteralSecrets(true).build();
    bms.start();
    Map<String, String> target = new HashMap<>();
    target.put("bucket", bucket);
    target.put("prefix", "bms/");
    target.put("endpoint", endpoint);
    target.put("pathStyle", "true");
    target.put("region", "us-east-1");
    target.put("accessKeyId", KEY_ID);
    target.put("secretAccessKey", SECRET);
    job = bms.jobs().create(BackupJob.builder("bench-s3")
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("s3", target).named("s3"))
        .build());
  }

  /** Removes every object either side wrote, so the store's disk use stays one tree. */
  @TearDown(Level.Invocation)
  public void removeObjects() {
    List<ObjectIdentifier> batch = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
      batch.add(ObjectIdentifier.builder().key(o.key()).build());
      if (batch.size() == 1000) {
        deleteAll(batch);
      }
    }
    deleteAll(batch);
  }

  private void deleteAll(List<ObjectIdentifier> batch) {
    if (!batch.isEmpty()) {
      List<ObjectIdentifier> keys = List.copyOf(batch);
      s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
      batch.clear();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    bms.close();
    s3.close();
    server.stop();
    BenchmarkFiles.delete(work);
  }

  @Benchmark
  public Execution bmsBackupTree() {
    Execution run = bms.executions().runNow(job);
    if (run.status() != ExecutionStatus.SUCCEEDED) {
      throw new IllegalStateException("backup failed: " + run.error().orElse("?"));
    }
    return run;
  }

  /** Every file as the plugin sends it: one PutObject up to the part size, else multipart; SHA-256 on the way. */
  @Benchmark
  public void rawBackupTree(Blackhole hole) throws Exception {
    String prefix = "raw-" + (rawRun++) + "/";
    byte[] buffer = new byte[PART_SIZE];
    for (Path file : sourceFiles) {
      String key = prefix + source.relativize(file).toString().replace('\\', '/');
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
        if (Files.size(file) <= PART_SIZE) {
          int n = in.readNBytes(buffer, 0, PART_SIZE);
          s3.putObject(b -> b.bucket(bucket).key(key), body(buffer, n));
        } else {
          multipart(key, in, buffer);
        }
      }
      hole.consume(HexFormat.of().formatHex(md.digest()));
    }
  }

  private void multipart(String key, InputStream in, byte[] buffer) throws IOException {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    int n;
    while ((n = in.readNBytes(buffer, 0, PART_SIZE)) > 0) {
      int partNumber = parts.size() + 1;
      long length = n;
      String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
          .contentLength(length), body(buffer, n)).eTag();
      parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
    }
    s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
  }

  /** The first {@code n} bytes of {@code b} without copying, as the plugin sends them. */
  private static RequestBody body(byte[] b, int n) {
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(b, 0, n), n, "application/octet-stream");
  }
}
