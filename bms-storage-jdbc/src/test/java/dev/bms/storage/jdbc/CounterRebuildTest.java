package dev.bms.storage.jdbc;

import static dev.bms.testkit.storage.StorageFixtures.minimalJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The job counters (V18_1) follow every write bms makes; data written straight into the tables (a bulk
 * load, a hand-made fix) is counted again by {@code rebuildRollups()}.
 */
class CounterRebuildTest {

  @Test
  void rebuildRollupsRecountsJobsWrittenBehindBmssBack() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:counters-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    JdbcStorage storage = JdbcStorage.builder().dataSource(h2).build();
    storage.start();
    try {
      storage.jobs().insert(newJob(minimalJob("one")));
      storage.jobs().insert(newJob(minimalJob("two")));
      assertThat(storage.reports().orElseThrow().jobsByLastStatus().jobs()).isEqualTo(2);

      try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE bms_job_count SET n = 42 WHERE status = ''"); // drifted behind bms's back
      }
      assertThat(storage.reports().orElseThrow().jobsByLastStatus().jobs()).isEqualTo(42);

      storage.reports().orElseThrow().rebuildRollups();
      assertThat(storage.reports().orElseThrow().jobsByLastStatus().jobs()).isEqualTo(2);
    } finally {
      storage.close();
    }
  }
}
