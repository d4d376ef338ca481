package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.ComplianceRows.LockProofRow;
import dev.bms.storage.jdbc.ComplianceRows.PolicyRow;
import dev.bms.storage.jdbc.Rows.ExecutionRow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL on the compliance tables; statements in {@code ComplianceMapper.xml}. */
interface ComplianceMapper {

  String selectDefaultPolicy();

  int updateDefaultPolicy(@Param("definition") String definition);

  int insertDefaultPolicy(@Param("definition") String definition);

  List<PolicyRow> selectPolicies(@Param("jobIds") UuidArray jobIds);

  int updatePolicy(@Param("jobId") UUID jobId, @Param("definition") String definition);

  int insertPolicy(@Param("jobId") UUID jobId, @Param("definition") String definition);

  int deletePolicy(@Param("jobId") UUID jobId);

  int updateLockProof(@Param("executionId") UUID executionId, @Param("copyName") String copyName,
                      @Param("lockedUntil") Instant lockedUntil, @Param("checkedAt") Instant checkedAt,
                      @Param("enforcement") String enforcement);

  int insertLockProof(@Param("executionId") UUID executionId, @Param("copyName") String copyName,
                      @Param("lockedUntil") Instant lockedUntil, @Param("checkedAt") Instant checkedAt,
                      @Param("enforcement") String enforcement);

  List<LockProofRow> selectLockProofs(@Param("executionIds") UuidArray executionIds);

  /** Each job's newest SUCCEEDED or PARTIAL execution. Vendor-specific SQL. */
  List<ExecutionRow> selectLatestRestorePoints(@Param("jobIds") UuidArray jobIds);
}
