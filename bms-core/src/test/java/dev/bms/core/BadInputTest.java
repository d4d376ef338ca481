package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.BmsException;
import dev.bms.api.StorageException;
import dev.bms.api.event.BmsEventListener;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.ReportedExecution;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.VerificationPolicy;
import dev.bms.api.report.Report;
import dev.bms.api.report.ReportBucket;
import dev.bms.api.report.ReportFormat;
import dev.bms.api.restore.FileQuery;
import dev.bms.api.restore.RestoreId;
import dev.bms.api.restore.RestorePointRef;
import dev.bms.api.restore.RestoreRequest;
import dev.bms.spi.storage.Storage;
import dev.bms.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public method of every service reachable from {@link BackupManager}, found by reflection,
 * is called once per reference parameter with a null there, and once per {@link Instant},
 * {@link LocalDate} and {@link String} parameter with a value no storage should see (year
 * -1000000000 and +1000000000, a NUL character, a megabyte). Each call must be refused with a
 * {@link BmsException} (not a {@code NullPointerException}, not an {@code IllegalArgumentException},
 * not a storage error) whose message names the parameter and stays under a kilobyte, and afterwards
 * every bms table holds as many rows as before. Run on H2 and on PostgreSQL.
 *
 * <p>A service method added without checks fails here; a parameter type this test has no valid
 * sample for fails here too, until one is added to {@link #sample}.
 */
class BadInputTest {
  private static final int READABLE = 1_000;
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final Instant T = Instant.parse("2026-03-01T02:00:00Z");

  @Nested
  class OnH2 {
    @TempDir
    Path dir;

    @Test
    void everyServiceMethodRefusesBadArgumentsAndWritesNothing() throws Exception {
      String url = "jdbc:h2:file:" + dir.resolve("bms").toAbsolutePath()
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
      sweep(JdbcStorage.builder().url(url).build(), () -> DriverManager.getConnection(url), "public");
    }
  }

  @Nested
  class OnPostgres {
    @Test
    void everyServiceMethodRefusesBadArgumentsAndWritesNothing() throws Exception {
      String schema = "bms_badinput_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try {
        sweep(JdbcStorage.builder().url(PG_URL).credentials("postgres", "").schema(schema).poolSize(4).build(),
            () -> DriverManager.getConnection(PG_URL, "postgres", ""), schema);
      } finally {
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", ""); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
    }
  }

  interface Db {
    Connection open() throws SQLException;
  }

  private static void sweep(Storage storage, Db db, String schema) throws Exception {
    try (BackupManager bms = Bms.builder().storage(storage).meterRegistry(new SimpleMeterRegistry())
        .instanceId("bad-input").scheduler(false).build()) {
      bms.start();
      Report report = bms.reports().compliance(0.9);
      Map<String, Long> before = rowCounts(db, schema);
      assertThat(before).as("bms tables in schema " + schema).hasSizeGreaterThan(10);

      List<String> problems = new ArrayList<>();
      TreeSet<String> services = new TreeSet<>();
      int calls = 0;
      for (Method accessor : sorted(BackupManager.class.getMethods())) {
        if (accessor.getParameterCount() > 0) {
          calls += callAll(bms, BackupManager.class, accessor, report, problems);
          continue;
        }
        Class<?> type = accessor.getReturnType();
        if (!type.isInterface() || !type.getPackageName().startsWith("dev.bms.api")
            || type.getSimpleName().equals("Health")) {
          continue;
        }
        services.add(accessor.getName());
        Object service = accessor.invoke(bms);
        for (Method m : sorted(type.getMethods())) {
          if (!Modifier.isStatic(m.getModifiers())) {
            calls += callAll(service, type, m, report, problems);
          }
        }
      }

      calls += hostileValuesInside(bms, problems);

      assertThat(services).contains("jobs", "executions", "retention", "schedules", "verifications", "compliance",
          "reports", "alerts", "restores", "approvals");
      assertThat(calls).as("calls made").isGreaterThan(100);
      assertThat(problems).as("calls with bad arguments that were not refused properly").isEmpty();
      // refusals are audited by design (docs/security.md): the audit trail grows, by refusals only
      Map<String, Long> after = rowCounts(db, schema);
      assertThat(after.remove("bms_audit")).as("audit records of the refused calls").isPositive();
      assertThat(bms.audit().search(dev.bms.api.audit.AuditFilter.all()
          .withOutcome(dev.bms.api.audit.AuditOutcome.SUCCEEDED), PageRequest.first(10)).items())
          .as("refused calls recorded as succeeded").isEmpty();
      before.remove("bms_audit");
      assertThat(after).as("rows of every other bms table after all refused calls").isEqualTo(before);
    }
  }

  /** Calls {@code m} once per bad value of each parameter, the others valid; returns how many calls. */
  private static int callAll(Object target, Class<?> service, Method m, Report report, List<String> problems) {
    String where = service.getSimpleName() + "." + m.getName() + Arrays.stream(m.getParameterTypes())
        .map(Class::getSimpleName).toList().toString().replace('[', '(').replace(']', ')');
    Parameter[] params = m.getParameters();
    Object[] valid = new Object[params.length];
    for (int i = 0; i < params.length; i++) {
      assertThat(params[i].isNamePresent()).as(where + ": compiled with -parameters").isTrue();
      valid[i] = sample(params[i].getParameterizedType(), i, report, where);
    }
    int calls = 0;
    for (int i = 0; i < params.length; i++) {
      Class<?> type = params[i].getType();
      List<Object> bad = new ArrayList<>();
      if (!type.isPrimitive()) {
        bad.add(null);
      }
      if (type == Instant.class) {
        bad.addAll(List.of(Instant.MIN, Instant.MAX));
      } else if (type == LocalDate.class) {
        bad.addAll(List.of(LocalDate.MIN, LocalDate.MAX));
      } else if (type == String.class) {
        bad.addAll(List.of("nul\u0000name", "y".repeat(1_000_000)));
      }
      for (Object value : bad) {
        Object[] args = valid.clone();
        args[i] = value;
        calls++;
        String call = where + " with " + params[i].getName() + " = " + shown(value);
        String problem = refusal(target, m, args, params[i].getName());
        if (problem != null) {
          problems.add(call + ": " + problem);
        }
      }
    }
    return calls;
  }

  /** Bad text and instants inside the values passed: filters, cursors, queries, restore requests, reports. */
  private static int hostileValuesInside(BackupManager bms, List<String> problems) {
    String mb = "z".repeat(1_000_000);
    JobId job = new JobId(UUID.randomUUID());
    PageRequest page = PageRequest.first(10);
    Map<String, Runnable> calls = new LinkedHashMap<>();
    calls.put("filter.labels.k", () -> bms.jobs().list(JobFilter.all().withLabel("k", "v\u0000"), page));
    calls.put("filter.labels: key", () -> bms.jobs().overview(JobFilter.all().withLabel(mb, "v"), page));
    calls.put("filter.namePrefix", () -> bms.jobs().list(JobFilter.all().withNamePrefix(mb), page));
    calls.put("page.cursor", () -> bms.jobs().list(JobFilter.all(), PageRequest.after("a\u0000" + mb, 10)));
    calls.put("filter.createdFrom", () -> bms.executions().list(ExecutionFilter.all().createdBetween(Instant.MIN, T),
        page));
    calls.put("filter.createdBefore", () -> bms.executions().list(ExecutionFilter.all().createdBetween(T, Instant.MAX),
        page));
    calls.put("filter.rule", () -> bms.alerts().list(AlertFilter.all().withRule("r\u0000"), page));
    calls.put("filter.raisedFrom", () -> bms.alerts().list(AlertFilter.all().raisedBetween(Instant.MIN, T), page));
    calls.put("filter.labels.env", () -> bms.alerts().list(AlertFilter.all().withLabels(Map.of("env", mb)), page));
    calls.put("requesterId", () -> bms.approvals().list(dev.bms.api.approval.ApprovalFilter.all()
        .withRequester("u\u0000x"), page));
    calls.put("operation", () -> bms.approvals().list(dev.bms.api.approval.ApprovalFilter.all()
        .withOperation(mb), page));
    calls.put("cursor", () -> bms.approvals().list(dev.bms.api.approval.ApprovalFilter.all(),
        PageRequest.after("a\u0000" + mb, 10)));
    calls.put("matchers: key", () -> bms.alerts().silence(Map.of("k\u0000", "v"), T, T.plusSeconds(60), "ops", ""));
    calls.put("matchers.env", () -> bms.alerts().silence(Map.of("env", "a\nb"), T, T.plusSeconds(60), "ops", ""));
    calls.put("query.value", () -> bms.restores().find(FileQuery.name("a\u0000b")));
    calls.put("query.since", () -> bms.restores().find(new FileQuery(FileQuery.Match.NAME, "a", Optional.empty(),
        Optional.of(Instant.MAX), 10)));
    calls.put("prefix", () -> bms.restores().files(new ExecutionId(UUID.randomUUID()), "p".repeat(5000), page));
    calls.put("request.point.at", () -> bms.restores().plan(RestoreRequest.from(RestorePointRef.asOf(job, Instant.MIN))
        .into(Path.of("/nowhere")).build()));
    calls.put("request.selection[1]", () -> bms.restores().plan(RestoreRequest.from(RestorePointRef.latest(job))
        .paths("a", "b\u0000").into(Path.of("/nowhere")).build()));
    calls.put("request.requestedBy", () -> bms.restores().start(RestoreRequest.from(RestorePointRef.latest(job))
        .requestedBy("eve\nroot").into(Path.of("/nowhere")).build()));
    calls.put("request.copyName", () -> bms.restores().restore(RestoreRequest.from(RestorePointRef.latest(job))
        .copy(mb).into(Path.of("/nowhere")).build()));
    calls.put("executions[0].copies[0].error", () -> bms.executions().record(List.of(new ReportedExecution(job, T, T,
        List.of(CopyResult.failed("nas", "e\u0000rr"))))));
    calls.put("executions[0].copies[0].copyName", () -> bms.executions().record(List.of(new ReportedExecution(job, T,
        T, List.of(CopyResult.failed(mb, "err"))))));
    calls.put("executions[0].copies[0].location", () -> bms.executions().record(List.of(new ReportedExecution(job, T,
        T, List.of(new CopyResult("nas", "", CopyStatus.SUCCEEDED, 1, 1, Duration.ZERO, Optional.empty(),
            Optional.of("l\u0000c"), Optional.empty(), Optional.empty()))))));
    calls.put("executions[0].copies[0].immutableUntil", () -> bms.executions().record(List.of(new ReportedExecution(
        job, T, T, List.of(new CopyResult("nas", "", CopyStatus.SUCCEEDED, 1, 1, Duration.ZERO, Optional.empty(),
            Optional.empty(), Optional.of(Instant.MAX), Optional.empty()))))));
    calls.forEach((field, call) -> {
      String problem = refusal(call, field);
      if (problem != null) {
        problems.add(field + ": " + problem);
      }
    });
    return calls.size();
  }

  private static String refusal(Runnable call, String name) {
    try {
      call.run();
      return "accepted";
    } catch (RuntimeException e) {
      return judged(e, name);
    }
  }

  /** Null when the call was refused as it should be, else what went wrong. */
  private static String refusal(Object target, Method m, Object[] args, String name) {
    Throwable thrown;
    try {
      m.invoke(target, args);
      return "accepted";
    } catch (InvocationTargetException e) {
      thrown = e.getCause();
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
    return judged(thrown, name);
  }

  private static String judged(Throwable thrown, String name) {
    String message = String.valueOf(thrown.getMessage());
    if (!(thrown instanceof BmsException) || thrown instanceof StorageException) {
      return "threw " + thrown.getClass().getName() + ": " + shown(message);
    }
    if (!message.contains(name)) {
      return thrown.getClass().getSimpleName() + " does not name '" + name + "': " + shown(message);
    }
    if (message.length() >= READABLE || message.indexOf('\u0000') >= 0) {
      return "message of " + message.length() + " characters or with a NUL: " + shown(message);
    }
    return null;
  }

  private static String shown(Object value) {
    String s = String.valueOf(value).replace("\u0000", "\\u0000");
    return s.length() > 80 ? s.substring(0, 80) + "... (" + s.length() + " chars)" : s;
  }

  /**
   * A valid value of {@code type} as parameter {@code index}: instants and dates grow with the
   * index, so each "from" lies before its "to". An unknown type fails the test, naming the method.
   */
  private static Object sample(Type type, int index, Report report, String where) {
    Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (raw == String.class) {
      return "x";
    } else if (raw == long.class) {
      return 1L;
    } else if (raw == int.class) {
      return 10;
    } else if (raw == double.class) {
      return 0.9;
    } else if (raw == JobId.class) {
      return new JobId(UUID.randomUUID());
    } else if (raw == ExecutionId.class) {
      return new ExecutionId(UUID.randomUUID());
    } else if (raw == AlertId.class) {
      return new AlertId(UUID.randomUUID());
    } else if (raw == RestoreId.class) {
      return new RestoreId(UUID.randomUUID());
    } else if (raw == Instant.class) {
      return T.plus(Duration.ofHours(index));
    } else if (raw == LocalDate.class) {
      return LocalDate.of(2026, 3, 1).plusDays(index);
    } else if (raw == ZoneId.class) {
      return ZoneOffset.UTC;
    } else if (raw == Duration.class) {
      return Duration.ofSeconds(1);
    } else if (raw == BackupJob.class) {
      return BackupJob.builder("bad-input").copy(CopySpec.target("filesystem", Map.of("path", "/nowhere"))).build();
    } else if (raw == JobFilter.class) {
      return JobFilter.all();
    } else if (raw == ExecutionFilter.class) {
      return ExecutionFilter.all();
    } else if (raw == AlertFilter.class) {
      return AlertFilter.all();
    } else if (raw == PageRequest.class) {
      return PageRequest.first(10);
    } else if (raw == VerificationLevel.class) {
      return VerificationLevel.values()[0];
    } else if (raw == VerificationPolicy.class) {
      return VerificationPolicy.every(Duration.ofDays(1), VerificationLevel.values()[0]);
    } else if (raw == ComplianceStatus.class) {
      return ComplianceStatus.values()[0];
    } else if (raw == CompliancePolicy.class) {
      return CompliancePolicy.defaults();
    } else if (raw == ReportBucket.class) {
      return ReportBucket.values()[0];
    } else if (raw == ReportFormat.class) {
      return ReportFormat.JSON;
    } else if (raw == Report.class) {
      return report;
    } else if (raw == RestoreRequest.class) {
      return RestoreRequest.from(RestorePointRef.latest(new JobId(UUID.randomUUID()))).into(Path.of("/nowhere")).build();
    } else if (raw == FileQuery.class) {
      return FileQuery.name("x");
    } else if (raw == BmsEventListener.class) {
      return (BmsEventListener) event -> { };
    } else if (raw == Optional.class || raw == List.class || raw == java.util.Collection.class) {
      return raw == Optional.class ? Optional.empty() : List.of();
    } else if (raw == Map.class) {
      return Map.of("env", "prod");
    } else if (raw == dev.bms.api.Actor.class) {
      return dev.bms.api.Actor.person("u-bad", "Bad Input", "admin");
    } else if (raw == dev.bms.api.audit.AuditFilter.class) {
      return dev.bms.api.audit.AuditFilter.all();
    } else if (raw == Path.class) {
      return Path.of("/nowhere");
    } else if (raw == java.io.InputStream.class) {
      return new java.io.ByteArrayInputStream(new byte[0]);
    } else if (raw == dev.bms.api.approval.ApprovalId.class) {
      return new dev.bms.api.approval.ApprovalId(UUID.randomUUID());
    } else if (raw == dev.bms.api.approval.ApprovalFilter.class) {
      return dev.bms.api.approval.ApprovalFilter.all();
    }
    throw new AssertionError(where + ": no valid sample of " + type.getTypeName()
        + "; add one to BadInputTest.sample so the new parameter is checked too");
  }

  private static List<Method> sorted(Method[] methods) {
    return Arrays.stream(methods).sorted(Comparator.comparing(Method::toGenericString)).toList();
  }

  private static Map<String, Long> rowCounts(Db db, String schema) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = db.open()) {
      List<String> tables = new ArrayList<>();
      try (var ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
          + " WHERE table_schema = ? AND table_type = 'BASE TABLE'")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
      }
      try (Statement s = c.createStatement()) {
        for (String t : tables) {
          try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + schema + ".\"" + t + "\"")) {
            rs.next();
            counts.put(t, rs.getLong(1));
          }
        }
      }
    }
    return counts;
  }
}
