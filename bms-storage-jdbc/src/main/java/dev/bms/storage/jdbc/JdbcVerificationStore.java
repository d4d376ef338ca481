package dev.bms.storage.jdbc;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.NotFoundException;
import dev.bms.api.model.CopyVerification;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.JobId;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.VerificationPolicy;
import dev.bms.spi.storage.DuePolicy;
import dev.bms.spi.storage.VerificationStore;
import dev.bms.storage.jdbc.ComplianceRows.VerificationCopyRow;
import dev.bms.storage.jdbc.ComplianceRows.VerificationPolicyRow;
import dev.bms.storage.jdbc.ComplianceRows.VerificationProblemRow;
import dev.bms.storage.jdbc.ComplianceRows.VerificationRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;

/** {@link VerificationStore} on the {@code bms_verification*} tables; one transaction per method. */
final class JdbcVerificationStore implements VerificationStore {
  /** Problems stored per copy; the count of all of them is kept beside. */
  static final int MAX_PROBLEMS_PER_COPY = 1000;
  private static final int CHUNK = 1000;

  private final Transactions tx;

  JdbcVerificationStore(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public void insert(VerificationEvidence evidence) {
    Objects.requireNonNull(evidence, "evidence");
    VerificationRow row = VerificationRow.of(evidence);
    tx.write("store verification " + evidence.id(), null, s -> {
      VerificationMapper m = s.getMapper(VerificationMapper.class);
      m.insertVerification(row);
      List<CopyVerification> copies = evidence.verification().copies();
      List<VerificationCopyRow> copyRows = new ArrayList<>();
      List<VerificationProblemRow> problems = new ArrayList<>();
      for (int i = 0; i < copies.size(); i++) {
        copyRows.add(VerificationCopyRow.of(row.id, i, copies.get(i)));
        List<IntegrityProblem> found = copies.get(i).report().problems();
        for (int p = 0; p < Math.min(found.size(), MAX_PROBLEMS_PER_COPY); p++) {
          problems.add(VerificationProblemRow.of(row.id, i, p, found.get(p)));
        }
      }
      if (!copyRows.isEmpty()) {
        m.insertCopies(copyRows);
      }
      for (int from = 0; from < problems.size(); from += CHUNK) {
        m.insertProblems(problems.subList(from, Math.min(problems.size(), from + CHUNK)));
      }
      return null;
    });
  }

  @Override
  public List<VerificationEvidence> forJob(JobId jobId, int limit) {
    Objects.requireNonNull(jobId, "jobId");
    if (limit < 1 || limit > 10_000) {
      throw new InvalidRequestException("limit: " + limit + " must be between 1 and 10000");
    }
    return tx.read("list verifications of " + jobId, s -> {
      VerificationMapper m = s.getMapper(VerificationMapper.class);
      return assemble(m, m.selectForJob(jobId.value(), limit));
    });
  }

  @Override
  public Map<JobId, Map<VerificationLevel, VerificationEvidence>> latestByJob(Collection<JobId> jobIds) {
    if (jobIds.isEmpty()) {
      return Map.of();
    }
    return tx.read("read latest verifications", s -> latestByJob(s, jobIds));
  }

  @Override
  public Optional<ExecutionId> newestVerifiedRestorePoint(JobId jobId) {
    Objects.requireNonNull(jobId, "jobId");
    return tx.read("read the newest verified restore point of " + jobId, s -> Optional.ofNullable(
        s.getMapper(VerificationMapper.class).selectNewestVerifiedRestorePoint(jobId.value())).map(ExecutionId::new));
  }

  /** Three queries: the newest rows per job and level, their copies, their problems. */
  static Map<JobId, Map<VerificationLevel, VerificationEvidence>> latestByJob(SqlSession s, Collection<JobId> jobIds) {
    VerificationMapper m = s.getMapper(VerificationMapper.class);
    List<VerificationRow> rows = m.selectLatestPerLevel(UuidArray.of(jobIds.stream().map(JobId::value).toList()));
    Map<JobId, Map<VerificationLevel, VerificationEvidence>> result = new HashMap<>();
    for (VerificationEvidence e : assemble(m, rows)) {
      result.computeIfAbsent(e.verification().jobId(), k -> new EnumMap<>(VerificationLevel.class))
          .put(e.verification().level(), e);
    }
    return result;
  }

  private static List<VerificationEvidence> assemble(VerificationMapper m, List<VerificationRow> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    UuidArray ids = UuidArray.of(rows.stream().map(r -> r.id).toList());
    Map<UUID, Map<Integer, List<IntegrityProblem>>> problems = new HashMap<>();
    for (VerificationProblemRow p : m.selectProblems(ids)) {
      problems.computeIfAbsent(p.verificationId, k -> new HashMap<>())
          .computeIfAbsent(p.copyPosition, k -> new ArrayList<>()).add(p.toProblem());
    }
    Map<UUID, List<CopyVerification>> copies = new HashMap<>();
    for (VerificationCopyRow c : m.selectCopies(ids)) {
      List<IntegrityProblem> mine = problems.getOrDefault(c.verificationId, Map.of()).getOrDefault(c.position, List.of());
      copies.computeIfAbsent(c.verificationId, k -> new ArrayList<>()).add(c.toCopy(mine));
    }
    return rows.stream().map(r -> r.toEvidence(copies.getOrDefault(r.id, List.of()))).toList();
  }

  @Override
  public void putPolicy(JobId jobId, VerificationPolicy policy, Instant firstDueAt) {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(firstDueAt, "firstDueAt");
    tx.write("set verification policy of " + jobId, null, s -> {
      VerificationMapper m = s.getMapper(VerificationMapper.class);
      String level = policy.level().name();
      long every = policy.every().toMillis();
      if (m.updatePolicy(jobId.value(), level, every, policy.sampleSlices(), firstDueAt) == 0
          && m.insertPolicy(jobId.value(), level, every, policy.sampleSlices(), firstDueAt) == 0) {
        throw new NotFoundException("No job with id " + jobId);
      }
      return null;
    });
  }

  @Override
  public Optional<VerificationPolicy> policy(JobId jobId) {
    Objects.requireNonNull(jobId, "jobId");
    return tx.read("read verification policy of " + jobId, s -> Optional.ofNullable(
        s.getMapper(VerificationMapper.class).selectPolicy(jobId.value())).map(VerificationPolicyRow::toPolicy));
  }

  @Override
  public boolean deletePolicy(JobId jobId) {
    Objects.requireNonNull(jobId, "jobId");
    return tx.write("delete verification policy of " + jobId, null,
        s -> s.getMapper(VerificationMapper.class).deletePolicy(jobId.value()) > 0);
  }

  @Override
  public List<DuePolicy> duePolicies(Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    return tx.read("read due verification policies", s -> s.getMapper(VerificationMapper.class)
        .selectDuePolicies(now, limit).stream().map(VerificationPolicyRow::toDue).toList());
  }

  @Override
  public boolean claimPolicyRun(JobId jobId, Instant expectedDueAt, Instant nextDueAt, int nextSlice) {
    Objects.requireNonNull(jobId, "jobId");
    return tx.write("claim verification of " + jobId, null, s -> s.getMapper(VerificationMapper.class)
        .claimPolicyRun(jobId.value(), expectedDueAt, nextDueAt, nextSlice) == 1);
  }
}
