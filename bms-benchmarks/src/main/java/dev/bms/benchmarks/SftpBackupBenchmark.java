package dev.bms.benchmarks;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
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

/**
 * The SFTP data path: a managed backup ({@code runNow} of a job whose one copy is on the
 * {@code "sftp"} target: read once, SHA-256 once, every file written into a partial directory, the
 * manifest, one rename on commit, execution recorded in H2) beside the raw limit, one plain MINA
 * SSHD {@link SftpClient} session writing every file of the same tree ({@code Write, Create,
 * Exclusive}, as the plugin opens them) while a {@link DigestInputStream} computes its SHA-256. The
 * server is a MINA SSHD server with the SFTP subsystem, in-process on 127.0.0.1 as in the plugin's
 * tests, serving a local directory that is emptied after each invocation. Divide the tree size by
 * the time per operation for MB/s; the ratio bms/raw is the figure that matters.
 */
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SftpBackupBenchmark {
  private static final String USER = "bench";
  private static final String PASSWORD = "bench-password";

  @Param({"1000"})
  public int files;

  @Param({"256"})
  public int totalMiB;

  private Path work;
  private Path source;
  private List<Path> sourceFiles;
  private Path serverRoot;
  private SshServer server;
  private SshClient client;
  private ClientSession session;
  private SftpClient sftp;
  private BackupManager bms;
  private JobId job;
  private int rawRun;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    work = Files.createTempDirectory("bms-bench-sftp-");
    source = BenchmarkFiles.tree(work.resolve("source"), files, totalMiB * 1024L * 1024L);
    try (Stream<Path> walk = Files.walk(source)) {
      sourceFiles = walk.filter(Files::isRegularFile).sorted().toList();
    }
    serverRoot = Files.createDirectories(work.resolve("sftp-root"));
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(work.resolve("host.key"));
    keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
    server.setKeyPairProvider(keys);
    server.setPasswordAuthenticator((user, password, s) -> USER.equals(user) && PASSWORD.equals(password));
    server.setKeyboardInteractiveAuthenticator(null);
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    server.setFileSystemFactory(new VirtualFileSystemFactory(serverRoot));
    server.start();
    String fingerprint = KeyUtils.getFingerPrint(keys.loadKeys(null).iterator().next().getPublic());

    // the raw side: one session, as the plugin holds one connection for a sequential copy; the host
    // key check is the plugin's business, done once per connection, so it costs the raw side nothing
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.start();
    session = client.connect(USER, "127.0.0.1", server.getPort()).verify(Duration.ofSeconds(10)).getSession();
    session.addPasswordIdentity(PASSWORD);
    session.auth().verify(Duration.ofSeconds(10));
    sftp = SftpClientFactory.instance().createSftpClient(session);

    Files.createDirectories(serverRoot.resolve("bms"));
    bms = Bms.builder().storage(JdbcStorage.embedded(work.resolve("db"))).allowLiteralSecrets(true).build();
    bms.start();
    Map<String, String> target = new HashMap<>();
    target.put("host", "127.0.0.1");
    target.put("port", String.valueOf(server.getPort()));
    target.put("username", USER);
    target.put("password", PASSWORD);
    target.put("hostKeyFingerprint", fingerprint);
    target.put("root", "/bms");
    job = bms.jobs().create(BackupJob.builder("bench-sftp")
        .source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("sftp", target).named("sftp"))
        .build());
  }

  /** Empties the served directory (locally), keeping the target's root. */
  @TearDown(Level.Invocation)
  public void removeCopies() throws IOException {
    BenchmarkFiles.delete(serverRoot);
    Files.createDirectories(serverRoot.resolve("bms"));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    bms.close();
    sftp.close();
    session.close(true);
    client.stop();
    server.stop(true);
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

  @Benchmark
  public void rawBackupTree(Blackhole hole) throws Exception {
    String root = "/raw-" + (rawRun++);
    sftp.mkdir(root);
    Set<String> dirs = new HashSet<>();
    byte[] buffer = new byte[64 * 1024];
    for (Path file : sourceFiles) {
      Path relative = source.relativize(file);
      String dir = root + "/" + relative.getParent().toString().replace('\\', '/');
      if (dirs.add(dir)) {
        sftp.mkdir(dir);
      }
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), md);
           OutputStream out = sftp.write(dir + "/" + relative.getFileName(), OpenMode.Write, OpenMode.Create,
               OpenMode.Exclusive)) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          out.write(buffer, 0, n);
        }
      }
      hole.consume(HexFormat.of().formatHex(md.digest()));
    }
  }
}
