package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bms.api.Actor;
import dev.bms.api.BackupManager;
import dev.bms.api.StorageException;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.AuditPurge;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.audit.ChainBreak;
import dev.bms.api.audit.ChainVerification;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.AuditChain;
import dev.bms.core.AuditFixtures.Database;
import dev.bms.storage.jdbc.JdbcStorage;
import dev.bms.testkit.time.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention of the audit trail on H2 and on the real PostgreSQL: the oldest records are exported to a
 * JSON-lines file (forced to disk) and only then deleted; the export verifies on its own and a tampered,
 * removed or truncated line is found; the remaining trail still verifies, its first record anchored on
 * the purge boundary; exports chain to each other; the purge is recorded; a configured retention purges
 * in the background as {@code Actor.system()}; an export that cannot be written deletes nothing.
 */
class AuditRetentionTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final Instant END = Instant.parse("2100-01-01T00:00:00Z");
  private static final Actor ADMIN = Actor.person("u-admin", "Ada Admin", "admin");

  @Nested
  class OnH2 extends Contract {
    @Override
    Database database() {
      return AuditFixtures.h2(dir.resolve("db/bms"));
    }
  }

  @Nested
  class OnPostgres extends Contract {
    @Override
    Database database() {
      return AuditFixtures.postgres("bms_auditret");
    }
  }

  abstract static class Contract {
    @TempDir
    Path dir;
    BackupManager bms;
    private Database db;
    final MutableClock clock = new MutableClock(T0);

    abstract Database database();

    /** The test's database, made on first use. */
    Database db() {
      if (db == null) {
        db = database();
      }
      return db;
    }

    JdbcStorage storage() {
      return db().storage().poolSize(4).build();
    }

    Connection connect() throws SQLException {
      return db().connect();
    }

    void start(java.util.function.UnaryOperator<BmsBuilder> options) {
      bms = options.apply(Bms.builder().storage(storage()).meterRegistry(new SimpleMeterRegistry())
          .plugin(new LabPlugin()).scheduler(false).instanceId("retention").clock(clock)).build();
      bms.start();
    }

    @AfterEach
    void closeManager() throws SQLException {
      if (bms != null) {
        bms.close();
      }
      if (db != null) {
        db.drop();
      }
    }

    /** One job created per day, from T0: records 1.. at T0, T0 + 1 day, ... */
    void createJobsDaily(int n) {
      for (int i = 0; i < n; i++) {
        bms.as(ADMIN).jobs().create(AuditFixtures.labJob("job-" + i + "-" + UUID.randomUUID()));
        clock.advance(Duration.ofDays(1));
      }
    }

    List<AuditRecord> remaining() {
      return AuditFixtures.records(bms);
    }

    ChainVerification verifyExport(Path file) throws IOException {
      try (InputStream in = Files.newInputStream(file)) {
        return bms.audit().verifyExport(in);
      }
    }

    ChainVerification verifyExport(List<String> lines) {
      return bms.audit().verifyExport(new ByteArrayInputStream((String.join("\n", lines) + "\n")
          .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void exportThenPurgeLeavesAVerifiableFileAndAVerifiableRemainingChain() throws IOException {
      start(b -> b);
      createJobsDaily(5);
      Path exports = dir.resolve("exports");

      AuditPurge first = bms.as(ADMIN).audit().purge(T0.plus(Duration.ofDays(3)), exports);

      assertThat(first.records()).isEqualTo(3);
      assertThat(first.firstSequence()).isEqualTo(1);
      assertThat(first.lastSequence()).isEqualTo(3);
      Path file = first.file().orElseThrow();
      assertThat(file.getFileName().toString()).isEqualTo("bms-audit-0000000000000000001-0000000000000000003.jsonl");
      assertThat(verifyExport(file)).isEqualTo(new ChainVerification(3, java.util.Optional.empty()));
      assertThat(remaining()).extracting(AuditRecord::sequence).containsExactly(6L, 5L, 4L);
      assertThat(remaining().get(0).entry()).satisfies(purge -> {
        assertThat(purge.operation()).isEqualTo("audit.purge");
        assertThat(purge.actor()).isEqualTo(ADMIN);
        assertThat(purge.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(purge.diff()).contains("\"lastSequence\":{\"to\":3}");
      });
      assertThat(remaining().get(2).previousHash()).as("the first remaining record links to the last exported")
          .isEqualTo(first.lastHash());
      assertThat(bms.audit().verify(Instant.EPOCH, END)).isEqualTo(new ChainVerification(3, java.util.Optional.empty()));
      assertThat(bms.audit().verify(T0.plus(Duration.ofDays(4)), END).intact()).isTrue();
      try (Stream<Path> files = Files.list(exports)) {
        assertThat(files).as("no partial file left").containsExactly(file);
      }

      // a second purge continues the chain: its first record links to the first export's last hash
      clock.advance(Duration.ofDays(1));
      AuditPurge second = bms.as(ADMIN).audit().purge(clock.instant(), exports);
      assertThat(second.firstSequence()).isEqualTo(4);
      assertThat(second.lastSequence()).isEqualTo(6);
      List<String> lines = Files.readAllLines(second.file().orElseThrow());
      assertThat(lines.get(1)).contains("\"sequence\":4").contains("\"previousHash\":\"" + first.lastHash() + "\"");
      assertThat(verifyExport(second.file().orElseThrow()).intact()).isTrue();
      assertThat(remaining()).extracting(AuditRecord::sequence).containsExactly(7L);
      assertThat(bms.audit().verify(Instant.EPOCH, END).intact()).isTrue();

      assertThat(bms.as(ADMIN).audit().purge(T0, exports)).as("nothing that old is left").isEqualTo(AuditPurge.nothing());
    }

    @Test
    void twoInstancesPurgingAtOnceLoseNoRecord() throws Exception {
      start(b -> b);
      createJobsDaily(6);
      BackupManager other = Bms.builder().storage(storage()).meterRegistry(new SimpleMeterRegistry())
          .plugin(new LabPlugin()).scheduler(false).instanceId("retention-2").clock(clock).build();
      other.start();
      try {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<AuditPurge>> purges = new ArrayList<>();
        for (BackupManager m : List.of(bms, other)) {
          Path into = dir.resolve("exports-" + m.hashCode());
          purges.add(two.submit(() -> {
            go.await();
            return m.as(ADMIN).audit().purge(END, into);
          }));
        }
        go.countDown();
        List<Path> files = new ArrayList<>();
        for (java.util.concurrent.Future<AuditPurge> f : purges) {
          f.get(60, java.util.concurrent.TimeUnit.SECONDS).file().ifPresent(files::add);
        }
        two.shutdown();

        assertThat(bms.audit().verify(Instant.EPOCH, END).intact()).isTrue();
        java.util.Set<Long> seen = new java.util.TreeSet<>();
        remaining().forEach(r -> seen.add(r.sequence()));
        for (Path f : files) {
          assertThat(verifyExport(f).intact()).as("%s", f).isTrue();
          for (String line : Files.readAllLines(f)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\{\"sequence\":(\\d+),").matcher(line);
            if (m.find()) {
              seen.add(Long.parseLong(m.group(1)));
            }
          }
        }
        long head = remaining().get(0).sequence();
        assertThat(seen).as("every record is either still in the trail or in an export")
            .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, head).boxed().toList());
      } finally {
        other.close();
      }
    }

    @Test
    void aTamperedRemovedOrTruncatedExportLineIsFound() throws IOException {
      start(b -> b);
      createJobsDaily(4);
      Path file = bms.as(ADMIN).audit().purge(END, dir.resolve("exports")).file().orElseThrow();
      List<String> lines = Files.readAllLines(file); // header, records 1..4, end
      assertThat(lines).hasSize(6);
      assertThat(verifyExport(lines).intact()).isTrue();

      List<String> edited = new ArrayList<>(lines);
      edited.set(2, lines.get(2).replace("\"u-admin\"", "\"u-mallory\""));
      assertThat(verifyExport(edited).firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.sequence()).isEqualTo(2);
        assertThat(b.kind()).isEqualTo(ChainBreak.Kind.ALTERED);
      });

      List<String> removed = new ArrayList<>(lines);
      removed.remove(3);
      assertThat(verifyExport(removed).firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.sequence()).isEqualTo(3);
        assertThat(b.kind()).isEqualTo(ChainBreak.Kind.REMOVED);
      });

      List<String> truncated = new ArrayList<>(lines.subList(0, 4)); // the last record and the end line gone
      assertThat(verifyExport(truncated).firstBreak()).hasValueSatisfying(b ->
          assertThat(b.kind()).isEqualTo(ChainBreak.Kind.REMOVED));

      List<String> swapped = new ArrayList<>(lines);
      swapped.set(2, lines.get(3));
      swapped.set(3, lines.get(2));
      assertThat(verifyExport(swapped).firstBreak()).hasValueSatisfying(b ->
          assertThat(b.kind()).isIn(ChainBreak.Kind.REMOVED, ChainBreak.Kind.REORDERED));

      List<String> garbage = new ArrayList<>(lines);
      garbage.set(4, "not json");
      assertThat(verifyExport(garbage).firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.sequence()).isEqualTo(4);
        assertThat(b.kind()).isEqualTo(ChainBreak.Kind.ALTERED);
      });
    }

    @Test
    void anExportThatCannotBeWrittenDeletesNothing() throws IOException {
      start(b -> b);
      createJobsDaily(2);
      Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");

      assertThatThrownBy(() -> bms.as(ADMIN).audit().purge(END, notADirectory)).isInstanceOf(StorageException.class);
      assertThat(remaining()).extracting(AuditRecord::sequence).startsWith(3L).contains(1L, 2L);
      assertThat(bms.audit().verify(Instant.EPOCH, END).intact()).isTrue();
    }

    @Test
    void aConfiguredRetentionPurgesInTheBackgroundAsSystem() throws SQLException {
      start(b -> b);
      createJobsDaily(4); // records 1..4 at T0..T0+3d; the clock is now T0+4d: 1 and 2 are older than 2 days
      bms.close();

      Path exports = dir.resolve("retained");
      start(b -> b.auditRetention(Duration.ofDays(2), exports).auditAnchorInterval(Duration.ofMillis(200)));
      // the first round runs in start(); later rounds find nothing more that old
      assertThat(remaining()).extracting(AuditRecord::sequence).containsExactly(5L, 4L, 3L);
      clock.advance(Duration.ofDays(1)); // now record 3 (T0+2d) is older than 2 days too
      await().atMost(Duration.ofSeconds(20)).until(() -> remaining().stream().noneMatch(r -> r.sequence() == 3));
      AuditRecord purge = bms.audit().search(AuditFilter.all().withOperation("audit.purge"), PageRequest.first(5))
          .items().get(0);
      assertThat(purge.entry().actor()).isEqualTo(Actor.system());
      assertThat(Files.exists(exports.resolve("bms-audit-0000000000000000001-0000000000000000002.jsonl"))).isTrue();
      assertThat(Files.exists(exports.resolve("bms-audit-0000000000000000003-0000000000000000003.jsonl"))).isTrue();
      assertThat(bms.audit().verify(Instant.EPOCH, END).intact()).isTrue();
      try (Connection c = connect(); Statement s = c.createStatement();
           java.sql.ResultSet rs = s.executeQuery("SELECT seq, hash FROM bms_audit_purge WHERE id = 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(3);
        assertThat(rs.getString(2)).hasSize(64).isNotEqualTo(AuditChain.GENESIS);
      }
    }
  }
}
