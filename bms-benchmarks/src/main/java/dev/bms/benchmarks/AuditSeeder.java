package dev.bms.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.Actor;
import dev.bms.api.audit.AuditEntry;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.ResourceRef;
import dev.bms.spi.storage.AuditChain;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Writes an audit trail of {@code n} records straight into {@code bms_audit} with COPY: records
 * shaped like the ones bms writes (actors, operations, resources, outcomes, details and diffs of the
 * same form, see {@code docs/security.md}), one every {@code 365 days / n} from {@link #START},
 * chained with {@link AuditChain#hash} exactly as {@code AuditStore.append} chains them (so
 * {@code audit().verify} passes), the head row moved to the last one. The stored {@code tsvector}
 * column is computed by PostgreSQL as on every insert. The table's secondary indexes are dropped
 * for the load and rebuilt after it.
 *
 * <p>Mix: 300 people (operators, some admins and viewers), 4 services and the application; 2,000
 * jobs named {@code <department>-<kind>-<n>}; begin/complete of reported runs half of the records,
 * job updates, enables, disables, acknowledgements, verifications, restores, a few creates and
 * deletes; 2 % denied, 3 % refused, 0.5 % failed.
 */
final class AuditSeeder {
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  static final int PERSONS = 300;
  static final int JOBS = 2_000;
  static final String[] DEPARTMENTS = {"payroll", "billing", "crm", "hr", "web", "mail", "erp", "wiki", "git", "ldap"};
  static final String[] KINDS = {"files", "db", "vm", "mailbox"};
  /** Operations and their weight in the mix. */
  static final String[] OPERATIONS = {"executions.begin", "executions.complete", "executions.runNow", "jobs.update",
      "jobs.disable", "jobs.enable", "alerts.acknowledge", "verifications.verify", "restores.restore", "jobs.create",
      "jobs.delete", "compliance.setPolicy", "alerts.silence"};
  private static final int[] WEIGHTS = {25, 25, 8, 10, 4, 4, 8, 6, 3, 2, 1, 2, 2};
  private static final String[] FIRST = {"Alice", "Bob", "Carla", "Dmitri", "Eva", "Farid", "Greta", "Hugo", "Ines",
      "Jonas", "Katja", "Lars", "Mia", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tara", "Ugo", "Vera",
      "Wim", "Xenia", "Yusuf", "Zoe", "Anton", "Bea", "Cem", "Dora"};
  private static final String[] LAST = {"Doe", "Meyer", "Schulz", "Novak", "Rossi", "Kowalski", "Berg", "Lind",
      "Costa", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Klein", "Wolf", "Neumann", "Braun", "Keller",
      "Vogel"};
  private static final String[] SERVICES = {"ci-pipeline", "vendor-agent", "terraform", "nightly-report"};
  private static final int CHUNK = 50_000;

  private AuditSeeder() {
  }

  static String personId(int i) {
    return "u-" + i;
  }

  static String jobName(int j) {
    return DEPARTMENTS[j % DEPARTMENTS.length] + "-" + KINDS[(j / DEPARTMENTS.length) % KINDS.length] + "-" + j;
  }

  static Instant end(int n) {
    return START.plus(Duration.ofDays(365));
  }

  /** The number of records the chain head names (0 before the first seeding). */
  static long seededRecords(HikariDataSource raw) throws SQLException {
    try (Connection c = raw.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT seq FROM bms_audit_head WHERE id = 1")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  static void seed(HikariDataSource raw, int n) throws SQLException, java.io.IOException {
    long started = System.nanoTime();
    try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE bms_audit");
      List<String> indexes = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
          + " AND tablename = 'bms_audit' AND indexname NOT LIKE 'pk_%'")) {
        List<String> names = new ArrayList<>();
        while (rs.next()) {
          names.add(rs.getString(1));
          indexes.add(rs.getString(2));
        }
        for (String name : names) {
          c.createStatement().execute("DROP INDEX " + name);
        }
      }
      SplittableRandom random = new SplittableRandom(2025);
      UUID[] jobs = new UUID[JOBS];
      for (int j = 0; j < JOBS; j++) {
        jobs[j] = new UUID(random.nextLong(), random.nextLong());
      }
      long stepMicros = Duration.ofDays(365).toNanos() / 1000 / n;
      String previous = AuditChain.GENESIS;
      StringBuilder copy = new StringBuilder(CHUNK * 600);
      var copyApi = c.unwrap(PGConnection.class).getCopyAPI();
      String sql = "COPY bms_audit (seq, at, actor_id, actor_name, actor_kind, actor_roles, operation, resource_type,"
          + " resource_id, outcome, detail, diff, prev_hash, hash) FROM STDIN";
      for (int i = 1; i <= n; i++) {
        Instant at = START.plusNanos((i * stepMicros + random.nextLong(Math.max(1, stepMicros))) * 1000);
        AuditEntry entry = entry(random, jobs, at);
        String hash = AuditChain.hash(previous, entry);
        Actor a = entry.actor();
        copy.append(i).append('\t').append(entry.at()).append('\t');
        field(copy, a.id());
        field(copy, a.displayName());
        field(copy, a.kind().name());
        field(copy, String.join(",", a.roles()));
        field(copy, entry.operation());
        field(copy, entry.resource().type());
        field(copy, entry.resource().id());
        field(copy, entry.outcome().name());
        field(copy, entry.detail());
        field(copy, entry.diff());
        field(copy, previous);
        copy.append(hash).append('\n');
        previous = hash;
        if (i % CHUNK == 0 || i == n) {
          copyApi.copyIn(sql, new StringReader(copy.toString()));
          copy.setLength(0);
        }
      }
      try (PreparedStatement head = c.prepareStatement("UPDATE bms_audit_head SET seq = ?, hash = ? WHERE id = 1")) {
        head.setLong(1, n);
        head.setString(2, previous);
        head.executeUpdate();
      }
      for (String index : indexes) {
        s.execute(index);
      }
    }
    System.out.printf("audit trail seeded: %d records in %d s%n", n, (System.nanoTime() - started) / 1_000_000_000L);
  }

  private static void field(StringBuilder out, String value) {
    for (int k = 0; k < value.length(); k++) {
      char ch = value.charAt(k);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
    out.append('\t');
  }

  private static AuditEntry entry(SplittableRandom random, UUID[] jobs, Instant at) {
    Actor actor = actor(random);
    String op = operation(random);
    int j = random.nextInt(JOBS);
    UUID job = jobs[j];
    String name = jobName(j);
    String dept = DEPARTMENTS[j % DEPARTMENTS.length];
    String kind = KINDS[(j / DEPARTMENTS.length) % KINDS.length];
    String other = new UUID(random.nextLong(), random.nextLong()).toString();
    String ts = at.toString();
    String earlier = at.minusSeconds(600 + random.nextInt(86_400)).toString();
    long version = 1 + random.nextInt(40);
    String type = switch (op.substring(0, op.indexOf('.'))) {
      case "jobs" -> "job";
      case "executions", "verifications" -> "execution";
      case "alerts" -> op.equals("alerts.silence") ? "silence" : "alert";
      case "restores" -> "restore";
      default -> "compliance-policy";
    };
    String id = type.equals("job") || type.equals("compliance-policy") ? job.toString() : other;
    int roll = random.nextInt(1000);
    if (actor.roles().contains("viewer") || roll < 20) {
      return new AuditEntry(at, actor, op, new ResourceRef(type, id), AuditOutcome.DENIED, "AccessDeniedException: "
          + "actor '" + actor.id() + "' with roles " + actor.roles() + " may not " + op, "{}");
    }
    if (roll < 50) {
      String detail = switch (roll % 3) {
        case 0 -> "ConflictException: job " + job + " is at version " + (version + 1) + ", not " + version;
        case 1 -> "InvalidJobException: schedule.cron: '0 25 * * *' is not a cron expression (hour 25)";
        default -> "NotFoundException: No " + type + " with id " + id;
      };
      return new AuditEntry(at, actor, op, new ResourceRef(type, id), AuditOutcome.REFUSED, detail, "{}");
    }
    if (roll < 55) {
      return new AuditEntry(at, actor, op, new ResourceRef(type, id), AuditOutcome.FAILED,
          "StorageUnavailableException: cannot reach the database: connection refused", "{}");
    }
    String description = "nightly " + dept + " " + kind + " backup to the NAS, offsite copy to S3";
    String diff = switch (op) {
      case "executions.begin" -> "{\"id\":{\"to\":\"" + id + "\"},\"jobId\":{\"to\":\"" + job
          + "\"},\"startedAt\":{\"to\":\"" + ts + "\"},\"status\":{\"to\":\"RUNNING\"},\"trigger\":{\"to\":\"REPORTED\"}"
          + ",\"version\":{\"to\":1}}";
      case "executions.complete" -> "{\"copies.0.bytes\":{\"to\":" + random.nextLong(1L << 36)
          + "},\"copies.0.name\":{\"to\":\"nas\"},\"copies.0.status\":{\"to\":\"SUCCEEDED\"},\"finishedAt\":{\"from\":null"
          + ",\"to\":\"" + ts + "\"},\"status\":{\"from\":\"RUNNING\",\"to\":\"SUCCEEDED\"},\"version\":{\"from\":1,\"to\":2}}";
      case "executions.runNow" -> "{\"id\":{\"to\":\"" + id + "\"},\"jobId\":{\"to\":\"" + job
          + "\"},\"status\":{\"to\":\"QUEUED\"},\"trigger\":{\"to\":\"MANUAL\"}}";
      case "jobs.update" -> "{\"definition.description\":{\"from\":\"" + description + "\",\"to\":\"" + description
          + ", kept " + (7 + random.nextInt(60)) + " days\"},\"updatedAt\":{\"from\":\"" + earlier + "\",\"to\":\"" + ts
          + "\"},\"version\":{\"from\":" + version + ",\"to\":" + (version + 1) + "}}";
      case "jobs.disable", "jobs.enable" -> "{\"enabled\":{\"from\":" + op.equals("jobs.enable") + ",\"to\":"
          + op.equals("jobs.disable") + "},\"updatedAt\":{\"from\":\"" + earlier + "\",\"to\":\"" + ts
          + "\"},\"version\":{\"from\":" + version + ",\"to\":" + (version + 1) + "}}";
      case "alerts.acknowledge" -> "{\"acknowledgedAt\":{\"from\":null,\"to\":\"" + ts + "\"},\"acknowledgedBy\":{"
          + "\"from\":null,\"to\":\"" + actor.id() + "\"},\"state\":{\"from\":\"FIRING\",\"to\":\"ACKNOWLEDGED\"}}";
      case "verifications.verify" -> "{\"checkedFiles\":{\"to\":" + random.nextInt(100_000) + "},\"mismatches\":{"
          + "\"to\":0},\"outcome\":{\"to\":\"PASSED\"},\"restorePoint\":{\"to\":\"" + id + "\"}}";
      case "restores.restore" -> "{\"id\":{\"to\":\"" + id + "\"},\"jobId\":{\"to\":\"" + job + "\"},\"paths\":{\"to\":"
          + "[\"/srv/" + dept + "/\"]},\"status\":{\"to\":\"RUNNING\"},\"target\":{\"to\":\"/restore/" + name + "\"}}";
      case "jobs.create" -> "{\"copies.0.name\":{\"to\":\"nas\"},\"copies.0.target\":{\"to\":\"filesystem\"},"
          + "\"definition.description\":{\"to\":\"" + description + "\"},\"definition.name\":{\"to\":\"" + name
          + "\"},\"id\":{\"to\":\"" + job + "\"},\"version\":{\"to\":1}}";
      case "jobs.delete" -> "{\"definition.description\":{\"from\":\"" + description + "\"},\"definition.name\":{"
          + "\"from\":\"" + name + "\"},\"id\":{\"from\":\"" + job + "\"},\"version\":{\"from\":" + version + "}}";
      case "compliance.setPolicy" -> "{\"minCopies\":{\"from\":2,\"to\":3},\"requireOffsite\":{\"from\":false,"
          + "\"to\":true}}";
      default -> "{\"id\":{\"to\":\"" + id + "\"},\"jobId\":{\"to\":\"" + job + "\"},\"reason\":{\"to\":\"maintenance of "
          + name + "\"},\"until\":{\"to\":\"" + at.plusSeconds(7200) + "\"}}";
    };
    return new AuditEntry(at, actor, op, new ResourceRef(type, id), AuditOutcome.SUCCEEDED, "", diff);
  }

  private static Actor actor(SplittableRandom random) {
    int roll = random.nextInt(100);
    if (roll < 85) {
      int p = random.nextInt(PERSONS);
      String role = p % 20 == 0 ? "admin" : p % 50 == 1 ? "viewer" : "operator";
      return Actor.person(personId(p), FIRST[p % FIRST.length] + " " + LAST[(p / FIRST.length) % LAST.length], role);
    }
    if (roll < 95) {
      return Actor.service(SERVICES[random.nextInt(SERVICES.length)], "operator");
    }
    return Actor.application();
  }

  private static String operation(SplittableRandom random) {
    int roll = random.nextInt(100);
    for (int k = 0; k < WEIGHTS.length; k++) {
      roll -= WEIGHTS[k];
      if (roll < 0) {
        return OPERATIONS[k];
      }
    }
    return OPERATIONS[0];
  }
}
