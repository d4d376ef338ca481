package dev.bms.plugins.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobId;
import dev.bms.api.model.RuleResult;
import dev.bms.api.model.VerificationLevel;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * 3-2-1-1-0 with real media, through a whole manager: a filesystem copy (local disk), an SFTP copy
 * declared offsite (a MINA SSHD server) and an S3 copy with Object Lock in COMPLIANCE mode
 * (S3Mock), credentials given as secret references. Every digit passes for its own reason; the same
 * job whose S3 lock cannot be read back fails "1 immutable" saying so.
 */
class FiveDigitComplianceTest {
  private static final String SFTP_USER = "bms";
  private static final String SFTP_PASSWORD = "sftp-pw-5d9e";

  @TempDir
  Path dir;

  private SshServer sftp;
  private BackupManager bms;
  private S3TestServer s3;
  private String lockBucket;

  @BeforeEach
  void start() throws IOException {
    s3 = S3TestServer.shared();
    lockBucket = s3.lockBucket();
    sftp = SshServer.setUpDefaultServer();
    sftp.setHost("127.0.0.1");
    sftp.setPort(0);
    SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("host.key"));
    keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
    sftp.setKeyPairProvider(keys);
    sftp.setPasswordAuthenticator((user, password, session) -> SFTP_USER.equals(user) && SFTP_PASSWORD.equals(password));
    sftp.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    sftp.setFileSystemFactory(new VirtualFileSystemFactory(Files.createDirectories(dir.resolve("sftp-root"))));
    sftp.start();
    bms = Bms.builder().storage(JdbcStorage.embedded(dir.resolve("db"))).instanceId("five-digits").build();
    bms.start();
  }

  @AfterEach
  void stop() throws IOException {
    bms.close();
    sftp.stop(true);
  }

  @Test
  void filesystemSftpOffsiteAndLockedS3PassEveryDigitForTheRightReasons() throws Exception {
    JobId id = job("five-digits");
    Execution run = bms.executions().runNow(id);
    assertThat(run.status()).as("execution %s", run).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(bms.verifications().verify(run.id(), VerificationLevel.CHECKSUM).passed()).isTrue();

    JobCompliance c = bms.compliance().evaluate(id);

    for (String digit : List.of("3-copies", "2-media", "1-offsite", "1-immutable", "0-errors")) {
      assertThat(rule(c, digit).status()).as(digit + ": " + rule(c, digit).reason()).isEqualTo(ComplianceStatus.PASS);
    }
    assertThat(rule(c, "3-copies").countedCopies()).containsExactly("local", "remote", "vault");
    assertThat(rule(c, "2-media").reason()).contains("LOCAL_DISK", "OBJECT_STORAGE");
    assertThat(rule(c, "1-offsite").countedCopies()).contains("remote");
    // only the S3 copy is immutable: its COMPLIANCE retention was read back from every object
    assertThat(rule(c, "1-immutable").countedCopies()).containsExactly("vault");
    assertThat(rule(c, "1-immutable").reason()).contains("vault (enforced lock read back");
    assertThat(rule(c, "0-errors").countedCopies()).containsExactly("local", "remote", "vault");
  }

  @Test
  void theSameJobWhoseLockIsMissingFailsOneImmutableWithThatReason() throws Exception {
    JobId id = job("lock-missing");
    Execution run = bms.executions().runNow(id);
    assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    String location = run.copies().stream().filter(r -> r.copyName().equals("vault")).findFirst().orElseThrow()
        .location().orElseThrow();
    // the same bytes written again around bms: a new current version that carries no retention
    String[] bp = S3TestServer.bucketAndPrefix(location);
    String key = bp[1] + "data/hello.txt";
    byte[] same = s3.client().getObjectAsBytes(b -> b.bucket(bp[0]).key(key)).asByteArray();
    s3.client().putObject(b -> b.bucket(bp[0]).key(key), RequestBody.fromBytes(same));
    // verification reads the lock back again, as it does on every verification
    assertThat(bms.verifications().verify(run.id(), VerificationLevel.CHECKSUM).passed()).isTrue();

    JobCompliance c = bms.compliance().evaluate(id);

    RuleResult immutable = rule(c, "1-immutable");
    assertThat(immutable.status()).isEqualTo(ComplianceStatus.FAIL);
    assertThat(immutable.countedCopies()).isEmpty();
    assertThat(immutable.unprovenCopies()).containsExactly("vault");
    assertThat(immutable.reason()).contains("vault claims a lock but the medium reported none");
    for (String digit : List.of("3-copies", "2-media", "1-offsite", "0-errors")) {
      assertThat(rule(c, digit).status()).as(digit + ": " + rule(c, digit).reason()).isEqualTo(ComplianceStatus.PASS);
    }
    assertThat(c.status()).isEqualTo(ComplianceStatus.FAIL);
  }

  private JobId job(String name) throws IOException, java.security.GeneralSecurityException {
    Path source = Files.createDirectories(dir.resolve("src"));
    Files.writeString(source.resolve("hello.txt"), "hello five digits\n");
    Files.write(Files.createDirectories(source.resolve("a/b")).resolve("data.bin"), new byte[200 * 1024]);
    Path fsRoot = Files.createDirectories(dir.resolve("fs-target"));
    Files.createDirectories(dir.resolve("sftp-root/backups"));
    Path sftpPassword = Files.writeString(dir.resolve("sftp-password"), SFTP_PASSWORD + "\n");
    Path s3Id = Files.writeString(dir.resolve("s3-id"), S3TestServer.ACCESS_KEY_ID);
    Path s3Secret = Files.writeString(dir.resolve("s3-secret"), S3TestServer.SECRET_ACCESS_KEY);

    Map<String, String> remote = new HashMap<>(Map.of("host", "127.0.0.1", "port", String.valueOf(sftp.getPort()),
        "username", SFTP_USER, "password", "secret:file:" + sftpPassword, "root", "/backups",
        "hostKeyFingerprint", KeyUtils.getFingerPrint(sftp.getKeyPairProvider().loadKeys(null).iterator().next().getPublic()),
        "mediaType", "NETWORK_SHARE", "failureDomain", "site:dr"));
    Map<String, String> vault = s3.config(lockBucket, "five-" + UUID.randomUUID() + "/");
    vault.put("accessKeyId", "secret:file:" + s3Id);
    vault.put("secretAccessKey", "secret:file:" + s3Secret);
    vault.put("objectLock", "compliance");
    vault.put("lockFor", "2d");
    return bms.jobs().create(BackupJob.builder(name).source("directory", Map.of("path", source.toString()))
        .copy(CopySpec.target("filesystem", Map.of("root", fsRoot.toString(), "initialize", "true", "fsync", "false"))
            .named("local"))
        .copy(CopySpec.target("sftp", remote).named("remote").asOffsite())
        .copy(CopySpec.target("s3", vault).named("vault"))
        .build());
  }

  private static RuleResult rule(JobCompliance c, String id) {
    return c.result(id).orElseThrow();
  }
}
