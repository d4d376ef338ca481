package dev.bms.benchmarks;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.JobId;
import dev.bms.core.Bms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The dashboard benchmarks' data, seeded once per database and size and kept between trials (JMH
 * runs every benchmark method in a JVM of its own, and seeding 100,000 jobs per method would take
 * longer than the measurements): {@code jobs} jobs with three copies each, and
 * {@link #executionsPerJob} finished executions per job spread over the last 30 days (every 10th
 * FAILED, every 25th PARTIAL, the newest SUCCEEDED). Only the newest execution has copy results
 * (what compliance reads); every fifth job's newest has two of its three copies, so it fails
 * "3 copies". Jobs and executions are written with JDBC batches; then, through bms, the rollups are
 * rebuilt ({@code reports().rebuildRollups()}) and every job is evaluated once, which stores the
 * verdicts and raises the compliance alerts.
 */
final class DashboardData {
  static final Duration HISTORY = Duration.ofDays(30);

  private DashboardData() {
  }

  /** 30 executions per job up to 10,000 jobs; 3 per job at 100,000 (300,000 executions in both cases). */
  static int executionsPerJob(int jobs) {
    return jobs > 10_000 ? 3 : 30;
  }

  /**
   * The kept database of this size, seeded if it is not yet; in smoke mode a fresh one, which the
   * benchmark drops at tear-down ({@link #release}).
   */
  static BenchmarkDatabase open(String database, int jobs, Path targetRoot) throws Exception {
    String name = Smoke.on() ? "dashboard_smoke_" + UUID.randomUUID().toString().substring(0, 8) : "dashboard_" + jobs;
    BenchmarkDatabase db = BenchmarkDatabase.kept(database, name);
    try (var raw = db.rawPool(2)) {
      if (seeded(raw, jobs)) {
        return db;
      }
    }
    try (BackupManager bms = Bms.builder().storage(db.storage(4)).warmCacheOnStart(false).scheduler(false)
        .instanceId("seed").build(); var raw = db.rawPool(2)) {
      bms.start();
      long t0 = System.nanoTime();
      seed(bms, raw, targetRoot, jobs, executionsPerJob(jobs));
      long t1 = System.nanoTime();
      long rows = bms.reports().rebuildRollups();
      long t2 = System.nanoTime();
      bms.compliance().evaluateAll();
      long t3 = System.nanoTime();
      db.analyze("bms_job", "bms_execution", "bms_copy_result", "bms_job_rollup", "bms_rollup_total", "bms_job_last",
          "bms_compliance_verdict", "bms_compliance_rule_verdict", "bms_alert");
      try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE bench_seeded (jobs INTEGER)");
        s.execute("INSERT INTO bench_seeded VALUES (" + jobs + ")");
      }
      System.out.printf("# seeded %d jobs x %d executions: inserts %.1f s, rebuildRollups %.1f s (%d rows),"
              + " first evaluateAll %.1f s%n", jobs, executionsPerJob(jobs), (t1 - t0) / 1e9, (t2 - t1) / 1e9, rows,
          (t3 - t2) / 1e9);
    }
    return db;
  }

  /** Drops a smoke run's database; kept databases stay for the next trial. */
  static void release(BenchmarkDatabase db) {
    if (Smoke.on()) {
      db.close();
    }
  }

  private static boolean seeded(DataSource raw, int jobs) {
    try (Connection c = raw.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT jobs FROM bench_seeded")) {
      return rs.next() && rs.getInt(1) == jobs;
    } catch (SQLException e) {
      return false;
    }
  }

  private static void seed(BackupManager bms, DataSource raw, Path targetRoot, int jobs, int perJob) throws Exception {
    Map<String, String> local = Map.of("root", Files.createDirectories(targetRoot.resolve("local")).toString(),
        "initialize", "true", "mediaType", "LOCAL_DISK", "failureDomain", "site:a");
    Map<String, String> nas = Map.of("root", Files.createDirectories(targetRoot.resolve("nas")).toString(),
        "initialize", "true", "mediaType", "NETWORK_SHARE", "failureDomain", "site:b", "offsite", "true");
    String template = HistorySeeder.name(0);
    JobId first = bms.jobs().create(BackupJob.builder(template)
        .copy(CopySpec.target("filesystem", local).named("local"))
        .copy(CopySpec.target("filesystem", nas).named("nas"))
        .copy(CopySpec.target("filesystem", local).named("spare"))
        .build());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    long step = HISTORY.toSeconds() / perJob;
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
      try (PreparedStatement j = c.prepareStatement("INSERT INTO bms_job (id, name, enabled, version, created_at,"
          + " updated_at, definition) VALUES (?, ?, true, 1, ?, ?, ?)");
           PreparedStatement e = c.prepareStatement("INSERT INTO bms_execution (id, job_id, mode, trigger, status,"
               + " scheduled_for, created_at, started_at, finished_at, heartbeat_at, progress_bytes, bytes, files,"
               + " attempt, owner, version, error) VALUES (?, ?, 'MANAGED', 'SCHEDULE', ?, NULL, ?, ?, ?, ?, ?, ?, 10,"
               + " 1, NULL, 1, NULL)");
           PreparedStatement cr = c.prepareStatement("INSERT INTO bms_copy_result (execution_id, position, copy_name,"
               + " target_type, status, bytes, files, duration_ms, manifest_digest, location, immutable_until, error)"
               + " VALUES (?, ?, ?, 'filesystem', 'SUCCEEDED', 1000, 10, 1000, ?, ?, NULL, NULL)")) {
        int batched = 0;
        for (int i = 0; i < jobs; i++) {
          UUID job;
          if (i == 0) {
            job = first.value();
          } else {
            job = UUID.randomUUID();
            j.setObject(1, job);
            j.setString(2, HistorySeeder.name(i));
            j.setObject(3, now.minus(HISTORY).atOffset(ZoneOffset.UTC));
            j.setObject(4, now.minus(HISTORY).atOffset(ZoneOffset.UTC));
            j.setString(5, definition.replace(template, HistorySeeder.name(i)));
            j.addBatch();
          }
          for (int k = 0; k < perJob; k++) {
            // k = 0 is the newest; jobs are spread over the step so slots are not all alike
            Instant finished = now.minusSeconds(k * step + (i * 7L) % step + 60);
            String status = k == 0 ? "SUCCEEDED" : k % 10 == 9 ? "FAILED" : k % 25 == 24 ? "PARTIAL" : "SUCCEEDED";
            UUID id = UUID.randomUUID();
            e.setObject(1, id);
            e.setObject(2, job);
            e.setString(3, status);
            e.setObject(4, finished.minusSeconds(120).atOffset(ZoneOffset.UTC));
            e.setObject(5, finished.minusSeconds(110).atOffset(ZoneOffset.UTC));
            e.setObject(6, finished.atOffset(ZoneOffset.UTC));
            e.setObject(7, finished.atOffset(ZoneOffset.UTC));
            e.setLong(8, 1_000_000);
            e.setLong(9, status.equals("FAILED") ? 0 : 1_000_000);
            e.addBatch();
            if (k == 0) {
              String[] copies = i % 5 == 0 ? new String[] {"local", "nas"} : new String[] {"local", "nas", "spare"};
              for (int p = 0; p < copies.length; p++) {
                cr.setObject(1, id);
                cr.setInt(2, p);
                cr.setString(3, copies[p]);
                cr.setString(4, "ab".repeat(32));
                cr.setString(5, "/nowhere/" + id + "/" + copies[p]);
                cr.addBatch();
              }
            }
          }
          if (++batched % 500 == 0) {
            j.executeBatch();
            e.executeBatch();
            cr.executeBatch();
            c.commit();
          }
        }
        j.executeBatch();
        e.executeBatch();
        cr.executeBatch();
        c.commit();
      }
    }
  }
}
