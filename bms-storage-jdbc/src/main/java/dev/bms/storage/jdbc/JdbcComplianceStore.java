package dev.bms.storage.jdbc;

import dev.bms.api.NotFoundException;
import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.VerdictCount;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.VerificationEvidence;
import dev.bms.api.model.VerificationLevel;
import dev.bms.spi.LockProof;
import dev.bms.spi.storage.ComplianceInputs;
import dev.bms.spi.storage.ComplianceStore;
import dev.bms.storage.jdbc.ComplianceRows.LockProofRow;
import dev.bms.storage.jdbc.ComplianceRows.PolicyRow;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link ComplianceStore} on the compliance tables; one transaction per method. */
final class JdbcComplianceStore implements ComplianceStore {
  private final Transactions tx;
  private final JdbcVerdicts verdicts;

  JdbcComplianceStore(Transactions tx) {
    this.tx = tx;
    this.verdicts = new JdbcVerdicts(tx);
  }

  @Override
  public Map<JobId, JobCompliance> verdicts(Collection<JobId> jobIds) {
    return verdicts.verdicts(jobIds);
  }

  @Override
  public void putVerdicts(Collection<JobCompliance> all) {
    verdicts.putVerdicts(all);
  }

  @Override
  public Page<JobCompliance> listVerdicts(Optional<ComplianceStatus> status, PageRequest request) {
    return verdicts.list(status, request);
  }

  @Override
  public long countVerdicts(Optional<ComplianceStatus> status) {
    return verdicts.count(status);
  }

  @Override
  public List<VerdictCount> verdictCounts() {
    return verdicts.counts();
  }

  @Override
  public Optional<CompliancePolicy> defaultPolicy() {
    return tx.read("read the default compliance policy", s -> Optional.ofNullable(
        s.getMapper(ComplianceMapper.class).selectDefaultPolicy()).map(PolicyCodec::fromJson));
  }

  @Override
  public void putDefaultPolicy(CompliancePolicy policy) {
    String json = PolicyCodec.toJson(Objects.requireNonNull(policy, "policy"));
    tx.write("store the default compliance policy", null, s -> {
      ComplianceMapper m = s.getMapper(ComplianceMapper.class);
      if (m.updateDefaultPolicy(json) == 0) {
        m.insertDefaultPolicy(json);
      }
      return null;
    });
  }

  @Override
  public Optional<CompliancePolicy> policy(JobId jobId) {
    Objects.requireNonNull(jobId, "jobId");
    return tx.read("read compliance policy of " + jobId, s -> s.getMapper(ComplianceMapper.class)
        .selectPolicies(UuidArray.of(List.of(jobId.value()))).stream().findFirst()
        .map(r -> PolicyCodec.fromJson(r.definition)));
  }

  @Override
  public void putPolicy(JobId jobId, CompliancePolicy policy) {
    Objects.requireNonNull(jobId, "jobId");
    String json = PolicyCodec.toJson(Objects.requireNonNull(policy, "policy"));
    tx.write("store compliance policy of " + jobId, null, s -> {
      ComplianceMapper m = s.getMapper(ComplianceMapper.class);
      if (m.updatePolicy(jobId.value(), json) == 0 && m.insertPolicy(jobId.value(), json) == 0) {
        throw new NotFoundException("No job with id " + jobId);
      }
      return null;
    });
  }

  @Override
  public boolean deletePolicy(JobId jobId) {
    Objects.requireNonNull(jobId, "jobId");
    return tx.write("delete compliance policy of " + jobId, null,
        s -> s.getMapper(ComplianceMapper.class).deletePolicy(jobId.value()) > 0);
  }

  @Override
  public void recordLockProof(ExecutionId executionId, String copyName, LockProof proof) {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(copyName, "copyName");
    Objects.requireNonNull(proof, "proof");
    tx.write("record lock proof of " + executionId + "/" + copyName, null, s -> {
      ComplianceMapper m = s.getMapper(ComplianceMapper.class);
      java.time.Instant until = proof.lockedUntil().orElse(null);
      String enforcement = proof.enforcement().name();
      if (m.updateLockProof(executionId.value(), copyName, until, proof.checkedAt(), enforcement) == 0) {
        m.insertLockProof(executionId.value(), copyName, until, proof.checkedAt(), enforcement);
      }
      return null;
    });
  }

  /**
   * Seven queries whatever the number of jobs: policies, default policy, restore points, their copy
   * results, their lock proofs, and the newest verifications with their copies and problems.
   */
  @Override
  public ComplianceInputs inputs(Collection<JobId> jobIds) {
    if (jobIds.isEmpty()) {
      return new ComplianceInputs(defaultPolicy(), Map.of(), Map.of(), Map.of(), Map.of());
    }
    UuidArray ids = UuidArray.of(jobIds.stream().map(JobId::value).toList());
    return tx.read("read compliance inputs", s -> {
      ComplianceMapper m = s.getMapper(ComplianceMapper.class);
      Map<JobId, CompliancePolicy> policies = new HashMap<>();
      for (PolicyRow r : m.selectPolicies(ids)) {
        policies.put(new JobId(r.jobId), PolicyCodec.fromJson(r.definition));
      }
      Optional<CompliancePolicy> defaults = Optional.ofNullable(m.selectDefaultPolicy()).map(PolicyCodec::fromJson);
      List<Execution> points = JdbcJobStore.withCopies(s.getMapper(ExecutionMapper.class), m.selectLatestRestorePoints(ids));
      Map<JobId, Execution> restorePoints = new HashMap<>();
      points.forEach(e -> restorePoints.put(e.jobId(), e));
      Map<ExecutionId, Map<String, LockProof>> proofs = new HashMap<>();
      if (!points.isEmpty()) {
        for (LockProofRow r : m.selectLockProofs(UuidArray.of(points.stream().map(e -> e.id().value()).toList()))) {
          proofs.computeIfAbsent(new ExecutionId(r.executionId), k -> new HashMap<>()).put(r.copyName, r.toProof());
        }
      }
      Map<JobId, Map<VerificationLevel, VerificationEvidence>> verifications = JdbcVerificationStore.latestByJob(s, jobIds);
      return new ComplianceInputs(defaults, policies, restorePoints, proofs, verifications);
    });
  }
}
