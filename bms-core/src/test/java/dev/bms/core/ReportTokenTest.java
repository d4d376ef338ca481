package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.bms.api.BackupManager;
import dev.bms.api.ExecutionTokenException;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.ReportedRun;
import dev.bms.spi.storage.Storage;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Reports on a reported execution need the token {@code begin} handed out: a missing or foreign
 * token is refused with {@link ExecutionTokenException} before anything is written, so one caller
 * cannot finish or fake progress of another's run; only the token's SHA-256 is stored, and the
 * token shows up in no log line, exception message or {@code toString}.
 */
class ReportTokenTest {
  @TempDir
  Path dir;
  JdbcDataSource h2;
  Storage storage;
  BackupManager bms;
  JobId job;
  final List<String> logged = new CopyOnWriteArrayList<>();
  final Logger bmsLogs = (Logger) LoggerFactory.getLogger("dev.bms");
  AppenderBase<ILoggingEvent> capture;

  @BeforeEach
  void start() {
    capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        logged.add(e.getFormattedMessage() + " " + e.getMDCPropertyMap()
            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()));
      }
    };
    capture.start();
    // everything bms and its SQL log, down to statement parameters, goes to the capture only
    bmsLogs.addAppender(capture);
    bmsLogs.setAdditive(false);
    bmsLogs.setLevel(Level.TRACE);
    h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("bms") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    storage = JdbcStorage.builder().dataSource(h2).build();
    bms = Bms.builder().storage(storage).meterRegistry(new SimpleMeterRegistry()).instanceId("tokens").build();
    bms.start();
    job = bms.jobs().create(BackupJob.builder("pg_dump nightly")
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("dumps"))).named("local"))
        .build());
  }

  @AfterEach
  void stop() {
    bms.close();
    bmsLogs.detachAppender(capture);
    bmsLogs.setAdditive(true);
    bmsLogs.setLevel(null);
  }

  private static List<CopyResult> ok() {
    return List.of(CopyResult.succeeded("local", 10, 1, Duration.ofSeconds(1), "ab".repeat(32)));
  }

  @Test
  void beginHandsOutA256BitUrlSafeTokenAndStoresOnlyItsHash() throws Exception {
    ReportedRun run = bms.executions().begin(job);
    ReportedRun other = bms.executions().begin(job);

    assertThat(run.token()).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(run.token())).hasSize(32);
    assertThat(other.token()).isNotEqualTo(run.token());
    assertThat(run.execution().status()).isEqualTo(ExecutionStatus.RUNNING);

    byte[] expected = MessageDigest.getInstance("SHA-256").digest(run.token().getBytes(StandardCharsets.UTF_8));
    assertThat(storage.executions().reportTokenHash(run.id())).hasValueSatisfying(
        stored -> assertThat(stored).isEqualTo(expected));
    // no column of any row holds the token itself
    for (String table : List.of("bms_execution", "bms_copy_result")) {
      assertThat(cells(table)).as(table).noneMatch(cell -> cell.contains(run.token()) || cell.contains(other.token()));
    }
  }

  @Test
  void anotherCallersTokenIsRefusedAndNothingIsWritten() {
    ReportedRun mine = bms.executions().begin(job);
    ReportedRun theirs = bms.executions().begin(job);
    Execution before = bms.executions().get(mine.id()).orElseThrow();
    Set<String> rowBefore = row(mine.id());

    List<Consumer<String>> reports = List.of(
        token -> bms.executions().heartbeat(mine.id(), token, 1_000),
        token -> bms.executions().complete(mine.id(), token, ok()),
        token -> bms.executions().fail(mine.id(), token, "stolen"));
    List<String> wrongTokens = new ArrayList<>(List.of(theirs.token(), mine.token() + "x",
        mine.token().substring(1), "", "   "));
    wrongTokens.add(null);
    for (Consumer<String> report : reports) {
      for (String wrong : wrongTokens) {
        assertThatThrownBy(() -> report.accept(wrong)).isInstanceOfSatisfying(ExecutionTokenException.class, e -> {
          assertThat(e.executionId()).isEqualTo(mine.id());
          assertThat(e.getMessage()).contains(mine.id().toString())
              .doesNotContain(mine.token()).doesNotContain(theirs.token());
        });
      }
    }

    assertThat(bms.executions().get(mine.id())).contains(before);
    assertThat(row(mine.id())).isEqualTo(rowBefore);
    assertThat(before.status()).isEqualTo(ExecutionStatus.RUNNING);
    // the other caller's own run is untouched too, and its token still works for it
    assertThat(bms.executions().fail(theirs.id(), theirs.token(), "their tool failed").status())
        .isEqualTo(ExecutionStatus.FAILED);
    assertThat(bms.executions().get(mine.id())).contains(before);
  }

  @Test
  void theRightTokenReportsProgressAndTheOutcome() {
    ReportedRun run = bms.executions().begin(job);

    assertThat(bms.executions().heartbeat(run.id(), run.token(), 4_096).progressBytes()).isEqualTo(4_096);
    Execution done = bms.executions().complete(run.id(), run.token(), ok());

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(bms.executions().get(run.id())).contains(done);
    // finished: even the right token cannot report again, and a wrong one learns nothing of its state
    assertThatThrownBy(() -> bms.executions().fail(run.id(), run.token(), "late"))
        .isInstanceOf(dev.bms.api.ConflictException.class);
    assertThatThrownBy(() -> bms.executions().fail(run.id(), "guess", "late"))
        .isInstanceOf(ExecutionTokenException.class).hasMessageNotContaining("SUCCEEDED");
  }

  @Test
  void theTokenIsInNoToStringLogLineOrStoredText() {
    ReportedRun run = bms.executions().begin(job);
    ReportedRun other = bms.executions().begin(job);
    bms.executions().heartbeat(run.id(), run.token(), 1);
    assertThatThrownBy(() -> bms.executions().complete(other.id(), run.token(), ok()))
        .isInstanceOf(ExecutionTokenException.class);
    bms.executions().complete(run.id(), run.token(), ok());
    bms.executions().fail(other.id(), other.token(), "tool failed");

    assertThat(run.toString()).contains(run.id().toString()).contains("redacted").doesNotContain(run.token());
    assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(run.token()) || line.contains(other.token()));
    assertThat(cells("bms_execution")).noneMatch(cell -> cell.contains(run.token()) || cell.contains(other.token()));
  }

  /** Every non-null cell of a table, as text. */
  private List<String> cells(String table) {
    List<String> cells = new ArrayList<>();
    try (Connection c = h2.getConnection(); PreparedStatement s = c.prepareStatement("SELECT * FROM " + table);
         ResultSet rs = s.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          Object v = rs.getObject(i);
          if (v instanceof byte[] bytes) {
            cells.add(new String(bytes, StandardCharsets.ISO_8859_1));
          } else if (v != null) {
            cells.add(v.toString());
          }
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return cells;
  }

  /** One execution's row, every column as {@code name=value}. */
  private Set<String> row(ExecutionId id) {
    Set<String> row = new HashSet<>();
    try (Connection c = h2.getConnection();
         PreparedStatement s = c.prepareStatement("SELECT * FROM bms_execution WHERE id = ?")) {
      s.setObject(1, id.value());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          Object v = rs.getObject(i);
          row.add(rs.getMetaData().getColumnName(i) + "="
              + (v instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : String.valueOf(v)));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return row;
  }
}
