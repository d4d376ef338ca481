package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.ComplianceRows.VerificationCopyRow;
import dev.bms.storage.jdbc.ComplianceRows.VerificationPolicyRow;
import dev.bms.storage.jdbc.ComplianceRows.VerificationProblemRow;
import dev.bms.storage.jdbc.ComplianceRows.VerificationRow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL on the verification tables; statements in {@code VerificationMapper.xml}. */
interface VerificationMapper {

  int insertVerification(VerificationRow row);

  int insertCopies(@Param("copies") List<VerificationCopyRow> copies);

  int insertProblems(@Param("problems") List<VerificationProblemRow> problems);

  List<VerificationRow> selectForJob(@Param("jobId") UUID jobId, @Param("limit") int limit);

  /** Newest verification per job and level. Vendor-specific SQL. */
  List<VerificationRow> selectLatestPerLevel(@Param("jobIds") UuidArray jobIds);

  UUID selectNewestVerifiedRestorePoint(@Param("jobId") UUID jobId);

  List<VerificationCopyRow> selectCopies(@Param("ids") UuidArray verificationIds);

  List<VerificationProblemRow> selectProblems(@Param("ids") UuidArray verificationIds);

  int updatePolicy(@Param("jobId") UUID jobId, @Param("level") String level, @Param("everyMs") long everyMs,
                   @Param("sampleSlices") int sampleSlices, @Param("dueAt") Instant dueAt);

  int insertPolicy(@Param("jobId") UUID jobId, @Param("level") String level, @Param("everyMs") long everyMs,
                   @Param("sampleSlices") int sampleSlices, @Param("dueAt") Instant dueAt);

  VerificationPolicyRow selectPolicy(@Param("jobId") UUID jobId);

  int deletePolicy(@Param("jobId") UUID jobId);

  List<VerificationPolicyRow> selectDuePolicies(@Param("now") Instant now, @Param("limit") int limit);

  int claimPolicyRun(@Param("jobId") UUID jobId, @Param("expectedDueAt") Instant expectedDueAt,
                     @Param("nextDueAt") Instant nextDueAt, @Param("nextSlice") int nextSlice);
}
