package dev.bms.core.engine;

import dev.bms.api.BackupManager;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.core.Bms;
import dev.bms.core.BmsBuilder;
import dev.bms.storage.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Managers for engine tests: embedded H2 or a PostgreSQL schema, the in-memory plugin, fast polling. */
final class Managers {
  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String PG_USER = "postgres";

  private Managers() {
  }

  static BmsBuilder h2(Path dir, Clock clock) {
    return common(clock).storage(JdbcStorage.embedded(dir.resolve("db"))).instanceId("h2");
  }

  static BmsBuilder postgres(String schema, String instanceId, Clock clock) {
    return common(clock).instanceId(instanceId).storage(JdbcStorage.builder().url(PG_URL).credentials(PG_USER, "")
        .schema(schema).poolSize(6).build());
  }

  private static BmsBuilder common(Clock clock) {
    return Bms.builder()
        .clock(clock)
        .plugin(new EngineTestPlugin())
        .discoverPlugins(false)
        .pollInterval(Duration.ofMillis(20))
        .heartbeatInterval(Duration.ofMillis(100))
        .leaseTimeout(Duration.ofSeconds(1))
        .drainTimeout(Duration.ofSeconds(5))
        .warmCacheOnStart(false);
  }

  static String randomSchema() {
    return "bms_sched_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static void sql(String statement) {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement + ": " + e.getMessage(), e);
    }
  }

  static long count(String query) {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement();
         var rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(query + ": " + e.getMessage(), e);
    }
  }

  static Execution get(BackupManager bms, ExecutionId id) {
    return bms.executions().get(id).orElseThrow();
  }

  static List<Execution> executions(BackupManager bms, JobId job) {
    return bms.executions().list(ExecutionFilter.forJob(job), PageRequest.first(1000)).items();
  }
}
