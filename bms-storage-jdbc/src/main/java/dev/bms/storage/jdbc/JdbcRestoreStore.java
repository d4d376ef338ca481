package dev.bms.storage.jdbc;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.restore.CopyUsage;
import dev.bms.api.restore.RestoreExecution;
import dev.bms.api.restore.RestoreId;
import dev.bms.api.restore.RestoreProblem;
import dev.bms.spi.storage.RestoreStore;
import dev.bms.storage.jdbc.RestoreRows.RestoreCopyRow;
import dev.bms.storage.jdbc.RestoreRows.RestoreProblemRow;
import dev.bms.storage.jdbc.RestoreRows.RestoreRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@link RestoreStore} on {@code bms_restore}, {@code bms_restore_copy}, {@code bms_restore_problem}, {@code bms_rto_target}. */
final class JdbcRestoreStore implements RestoreStore {
  private static final int CHUNK = 500;
  private static final String CURSOR = "r1:";
  private final Transactions tx;

  JdbcRestoreStore(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public void insert(RestoreExecution restore, Instant leaseUntil) {
    RestoreRow row = RestoreRow.of(micros(restore), leaseUntil.truncatedTo(ChronoUnit.MICROS));
    tx.write("record restore " + restore.id(), null, s -> s.getMapper(RestoreMapper.class).insertRestore(row));
  }

  @Override
  public boolean heartbeat(RestoreId id, long filesDone, long bytesDone, Instant leaseUntil) {
    return tx.write("heartbeat restore " + id, null, s -> s.getMapper(RestoreMapper.class)
        .heartbeat(id.value(), filesDone, bytesDone, leaseUntil.truncatedTo(ChronoUnit.MICROS))) == 1;
  }

  @Override
  public void finish(RestoreExecution restore) {
    RestoreExecution r = micros(restore);
    RestoreRow row = RestoreRow.of(r, null);
    tx.write("finish restore " + r.id(), null, s -> {
      RestoreMapper m = s.getMapper(RestoreMapper.class);
      m.finishRestore(row);
      if (!r.copies().isEmpty()) {
        m.insertCopies(r.copies().stream().map(u -> RestoreCopyRow.of(r.id(), u)).toList());
      }
      List<RestoreProblemRow> problems = new ArrayList<>(r.problems().size());
      for (int i = 0; i < r.problems().size(); i++) {
        problems.add(RestoreProblemRow.of(r.id(), i, r.problems().get(i)));
      }
      for (int from = 0; from < problems.size(); from += CHUNK) {
        m.insertProblems(problems.subList(from, Math.min(problems.size(), from + CHUNK)));
      }
      return null;
    });
  }

  @Override
  public Optional<RestoreExecution> find(RestoreId id) {
    Objects.requireNonNull(id, "id");
    return tx.read("read restore " + id, s -> {
      RestoreMapper m = s.getMapper(RestoreMapper.class);
      RestoreRow row = m.selectRestore(id.value());
      return row == null ? Optional.<RestoreExecution>empty() : Optional.of(assemble(m, List.of(row)).get(0));
    });
  }

  @Override
  public Page<RestoreExecution> list(Optional<JobId> jobId, PageRequest page) {
    Instant afterStarted = null;
    UUID afterId = null;
    if (page.cursor().isPresent()) {
      String text = decode(page.cursor().get());
      String[] parts = text.substring(CURSOR.length()).split(":", 3);
      try {
        afterStarted = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        afterId = UUID.fromString(parts[2]);
      } catch (RuntimeException e) {
        throw new InvalidRequestException("cursor: malformed '" + dev.bms.api.model.Inputs.excerpt(page.cursor().get()) + "'");
      }
    }
    Instant started = afterStarted;
    UUID after = afterId;
    return tx.read("list restores", s -> {
      RestoreMapper m = s.getMapper(RestoreMapper.class);
      List<RestoreRow> rows = m.selectRestores(jobId.map(JobId::value).orElse(null), started, after, page.limit() + 1);
      boolean more = rows.size() > page.limit();
      List<RestoreRow> items = more ? rows.subList(0, page.limit()) : rows;
      List<RestoreExecution> restores = items.isEmpty() ? List.of() : assemble(m, items);
      Optional<String> next = Optional.empty();
      if (more) {
        RestoreRow last = items.get(items.size() - 1);
        next = Optional.of(encode(CURSOR + last.startedAt.getEpochSecond() + ":" + last.startedAt.getNano() + ":" + last.id));
      }
      return new Page<>(restores, next);
    });
  }

  @Override
  public Set<ExecutionId> leasedRestorePoints(JobId jobId, Instant now) {
    return tx.read("read restore leases of " + jobId, s -> s.getMapper(RestoreMapper.class)
        .selectLeased(jobId.value(), now.truncatedTo(ChronoUnit.MICROS)).stream().map(ExecutionId::new)
        .collect(Collectors.toSet()));
  }

  @Override
  public Map<JobId, List<Throughput>> throughput(Collection<JobId> jobIds) {
    Map<JobId, List<Throughput>> out = new LinkedHashMap<>();
    if (jobIds.isEmpty()) {
      return out;
    }
    List<UUID> ids = jobIds.stream().map(JobId::value).distinct().toList();
    List<RestoreCopyRow> rows = tx.read("read restore throughput", s -> s.getMapper(RestoreMapper.class).selectThroughput(ids));
    Set<String> seen = new HashSet<>();
    for (RestoreCopyRow r : rows) {
      if (seen.add(r.jobId + "/" + r.copyName)) {
        out.computeIfAbsent(new JobId(r.jobId), k -> new ArrayList<>())
            .add(new Throughput(r.copyName, r.toUsage(), r.finishedAt, new RestoreId(r.restoreId)));
      }
    }
    return out;
  }

  @Override
  public void putRtoTarget(JobId jobId, Optional<Duration> target, Instant at) {
    tx.write("set the RTO target of " + jobId, null, s -> {
      RestoreMapper m = s.getMapper(RestoreMapper.class);
      m.deleteRtoTarget(jobId.value());
      target.ifPresent(t -> m.insertRtoTarget(jobId.value(), t.toMillis(), at.truncatedTo(ChronoUnit.MICROS)));
      return null;
    });
  }

  @Override
  public Map<JobId, Duration> rtoTargets(Collection<JobId> jobIds) {
    Map<JobId, Duration> out = new HashMap<>();
    if (jobIds.isEmpty()) {
      return out;
    }
    List<UUID> ids = jobIds.stream().map(JobId::value).distinct().toList();
    tx.read("read RTO targets", s -> s.getMapper(RestoreMapper.class).selectRtoTargets(ids))
        .forEach(r -> out.put(new JobId(r.jobId), Duration.ofMillis(r.targetMs)));
    return out;
  }

  private static List<RestoreExecution> assemble(RestoreMapper m, List<RestoreRow> rows) {
    List<UUID> ids = rows.stream().map(r -> r.id).toList();
    Map<UUID, List<CopyUsage>> copies = new HashMap<>();
    for (RestoreCopyRow c : m.selectCopies(ids)) {
      copies.computeIfAbsent(c.restoreId, k -> new ArrayList<>()).add(c.toUsage());
    }
    Map<UUID, List<RestoreProblem>> problems = new HashMap<>();
    for (RestoreProblemRow p : m.selectProblems(ids)) {
      problems.computeIfAbsent(p.restoreId, k -> new ArrayList<>()).add(p.toProblem());
    }
    return rows.stream().map(r -> r.toRestore(copies.getOrDefault(r.id, List.of()), problems.getOrDefault(r.id, List.of())))
        .toList();
  }

  private static RestoreExecution micros(RestoreExecution r) {
    return new RestoreExecution(r.id(), r.jobId(), r.restorePoint(), r.requestedBy(), r.destination(), r.selection(),
        r.copyName(), r.conflictPolicy(), r.status(), r.startedAt().truncatedTo(ChronoUnit.MICROS),
        r.finishedAt().map(f -> f.truncatedTo(ChronoUnit.MICROS)), r.filesPlanned(), r.bytesPlanned(),
        r.filesRestored(), r.filesSkipped(), r.filesFailed(), r.bytesRestored(), r.copies(), r.problems(), r.error());
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(CURSOR)) {
        return text;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new InvalidRequestException("cursor: malformed '" + dev.bms.api.model.Inputs.excerpt(cursor) + "'");
  }
}
