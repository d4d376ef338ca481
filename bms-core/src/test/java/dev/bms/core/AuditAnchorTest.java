package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.bms.api.Actor;
import dev.bms.api.BackupManager;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.AuditChain;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The periodic anchor of the audit chain's head, on a real H2 database, a real meter registry and a
 * log capture: at start and on each interval the head is logged as one greppable line and exposed as
 * {@code bms.audit.chain.head.sequence}; a tail truncated together with its head row (which
 * {@code verify} cannot see) shows as a head below the anchored sequence, logged at ERROR and counted.
 */
class AuditAnchorTest {
  private static final Duration INTERVAL = Duration.ofMillis(200);

  @TempDir
  Path dir;

  BackupManager bms;
  SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final List<ILoggingEvent> logged = new CopyOnWriteArrayList<>();
  final Logger anchorLog = (Logger) LoggerFactory.getLogger("dev.bms.core.internal.audit.AuditMaintenance");
  AppenderBase<ILoggingEvent> capture;

  String url() {
    return "jdbc:h2:file:" + dir.resolve("bms") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  }

  @BeforeEach
  void start() {
    capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        logged.add(e);
      }
    };
    capture.start();
    anchorLog.addAppender(capture);
    anchorLog.setLevel(Level.INFO);
    bms = Bms.builder().storage(JdbcStorage.builder().url(url()).build()).meterRegistry(meters)
        .plugin(new LabPlugin()).scheduler(false).instanceId("anchor-1").auditAnchorInterval(INTERVAL).build();
    bms.start();
  }

  @AfterEach
  void stop() {
    bms.close();
    anchorLog.detachAppender(capture);
  }

  private List<String> lines(Level level, String prefix) {
    return logged.stream().filter(e -> e.getLevel() == level && e.getFormattedMessage().startsWith(prefix))
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  private double headGauge() {
    return meters.get("bms.audit.chain.head.sequence").gauge().value();
  }

  @Test
  void theHeadIsAnchoredAtStartAndOnEachIntervalAndATruncatedTailIsFound() throws SQLException {
    assertThat(lines(Level.INFO, "bms-audit-anchor ")).as("anchored at start").first().asString()
        .startsWith("bms-audit-anchor sequence=0 hash=" + AuditChain.GENESIS + " instance=anchor-1 at=");
    assertThat(headGauge()).isZero();

    Actor alice = Actor.person("u-alice", "Alice", "admin");
    for (int i = 0; i < 3; i++) {
      bms.as(alice).jobs().create(BackupJob.builder("job-" + i)
          .copy(CopySpec.target("lab", LabPlugin.lab("LOCAL_DISK", "dc", false, false, false, "none")).named("disk"))
          .build());
    }
    AuditRecord newest = bms.audit().search(AuditFilter.all(), PageRequest.first(1)).items().get(0);
    await().atMost(Duration.ofSeconds(10)).until(() -> headGauge() == 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> lines(Level.INFO, "bms-audit-anchor ").stream()
        .anyMatch(l -> l.startsWith("bms-audit-anchor sequence=3 hash=" + newest.hash() + " instance=anchor-1")));

    // a consistent truncation: the last record and the head moved back with it, as a superuser would
    sql("DELETE FROM bms_audit WHERE seq = 3");
    sql("UPDATE bms_audit_head SET seq = 2, hash = (SELECT hash FROM bms_audit WHERE seq = 2)");
    assertThat(bms.audit().verify(java.time.Instant.EPOCH, java.time.Instant.parse("2100-01-01T00:00:00Z")).intact())
        .as("invisible to verify").isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> !lines(Level.ERROR, "bms-audit-anchor-break ").isEmpty());
    assertThat(lines(Level.ERROR, "bms-audit-anchor-break ").get(0))
        .startsWith("bms-audit-anchor-break sequence=3 hash=" + newest.hash())
        .contains("the chain head moved back to 2");
    assertThat(meters.get("bms.audit.chain.anchor.breaks").counter().count()).isGreaterThanOrEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> headGauge() == 2);
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
