package dev.bms.benchmarks;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.JobId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Loads the data the list and fetch benchmarks read: {@code jobs} jobs, each with
 * {@code executionsPerJob} finished executions an hour apart (every fifth one FAILED), each with one
 * copy result. The first job is created through bms; the others are copies of its stored row
 * (definition JSON with the name changed) written with JDBC batches, which is much faster than
 * creating them one by one and stores exactly what bms would.
 */
final class HistorySeeder {
  private HistorySeeder() {
  }

  /** Seeds and returns the job ids in id order. */
  static List<JobId> seed(BackupManager bms, DataSource raw, String targetRoot, int jobs, int executionsPerJob)
      throws SQLException {
    String templateName = name(0);
    JobId first = bms.jobs().create(BackupJob.builder(templateName)
        .description("benchmark job")
        .label("team", "bench")
        .copy(CopySpec.target("filesystem", Map.of("root", targetRoot, "initialize", "true")).named("disk"))
        .build());
    List<UUID> ids = new ArrayList<>(jobs);
    ids.add(first.value());
    Instant base = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(executionsPerJob + 1L, ChronoUnit.HOURS);
    try (Connection c = raw.getConnection()) {
      c.setAutoCommit(false);
      String definition;
      try (PreparedStatement s = c.prepareStatement("SELECT definition FROM bms_job WHERE id = ?")) {
        s.setObject(1, first.value());
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          definition = rs.getString(1);
        }
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO bms_job (id, name, enabled, version, created_at,"
          + " updated_at, definition) VALUES (?, ?, true, 1, ?, ?, ?)")) {
        for (int i = 1; i < jobs; i++) {
          UUID id = timeOrdered(base, i);
          ids.add(id);
          s.setObject(1, id);
          s.setString(2, name(i));
          s.setObject(3, base.atOffset(ZoneOffset.UTC));
          s.setObject(4, base.atOffset(ZoneOffset.UTC));
          s.setString(5, definition.replace(templateName, name(i)));
          s.addBatch();
          if (i % 1000 == 0) {
            s.executeBatch();
          }
        }
        s.executeBatch();
      }
      try (PreparedStatement e = c.prepareStatement("INSERT INTO bms_execution (id, job_id, mode, trigger, status,"
          + " scheduled_for, created_at, started_at, finished_at, heartbeat_at, progress_bytes, bytes, files, attempt,"
          + " owner, version, error) VALUES (?, ?, 'MANAGED', 'SCHEDULE', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, NULL, 1, ?)");
           PreparedStatement cr = c.prepareStatement("INSERT INTO bms_copy_result (execution_id, position, copy_name,"
               + " target_type, status, bytes, files, duration_ms, manifest_digest, location, immutable_until, error)"
               + " VALUES (?, 0, 'disk', 'filesystem', ?, ?, ?, ?, ?, ?, NULL, ?)")) {
        int rows = 0;
        for (int j = 0; j < ids.size(); j++) {
          for (int k = 0; k < executionsPerJob; k++) {
            boolean failed = k % 5 == 4;
            Instant created = base.plus(k, ChronoUnit.HOURS);
            UUID id = timeOrdered(created, j * executionsPerJob + k);
            e.setObject(1, id);
            e.setObject(2, ids.get(j));
            e.setString(3, failed ? "FAILED" : "SUCCEEDED");
            e.setObject(4, created.atOffset(ZoneOffset.UTC));
            e.setObject(5, created.atOffset(ZoneOffset.UTC));
            e.setObject(6, created.plusSeconds(1).atOffset(ZoneOffset.UTC));
            e.setObject(7, created.plusSeconds(61).atOffset(ZoneOffset.UTC));
            e.setObject(8, created.plusSeconds(61).atOffset(ZoneOffset.UTC));
            long bytes = failed ? 0 : 1_048_576L + k;
            e.setLong(9, bytes);
            e.setLong(10, bytes);
            e.setLong(11, failed ? 0 : 100);
            if (failed) {
              e.setString(12, "1 of 1 copies failed");
            } else {
              e.setNull(12, Types.VARCHAR);
            }
            e.addBatch();
            cr.setObject(1, id);
            cr.setString(2, failed ? "FAILED" : "SUCCEEDED");
            cr.setLong(3, bytes);
            cr.setLong(4, failed ? 0 : 100);
            cr.setLong(5, 60_000);
            if (failed) {
              cr.setNull(6, Types.VARCHAR);
              cr.setNull(7, Types.VARCHAR);
              cr.setString(8, "disk full");
            } else {
              cr.setString(6, "ab".repeat(32));
              cr.setString(7, targetRoot + "/" + id);
              cr.setNull(8, Types.VARCHAR);
            }
            cr.addBatch();
            if (++rows % 2000 == 0) {
              e.executeBatch();
              cr.executeBatch();
            }
          }
        }
        e.executeBatch();
        cr.executeBatch();
      }
      c.commit();
    }
    return ids.stream().map(JobId::new).toList();
  }

  static String name(int i) {
    return String.format("bench-job-%06d", i);
  }

  /** A version-7-like UUID ordered by {@code at}, then {@code seq}. */
  private static UUID timeOrdered(Instant at, long seq) {
    long msb = (at.toEpochMilli() << 16) | 0x7000L | (seq >>> 40 & 0xFFF);
    long lsb = 0x8000000000000000L | (seq & 0xFFFFFFFFFFL) << 8 | (long) (Math.random() * 255);
    return new UUID(msb, lsb);
  }
}
