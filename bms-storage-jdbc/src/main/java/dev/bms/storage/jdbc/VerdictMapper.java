package dev.bms.storage.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** Stored compliance verdicts; statements in {@code VerdictMapper.xml}. */
interface VerdictMapper {

  List<VerdictRow> selectVerdicts(@Param("jobIds") UuidArray jobIds);

  List<VerdictRow> listVerdicts(@Param("status") String status, @Param("afterId") UUID afterId,
                                @Param("limit") int limit);

  /** Counts the stored rows per (rule, status) of the given jobs, or of every job when null. */
  List<VerdictCountRow> countRows(@Param("jobIds") UuidArray jobIds);

  Integer lockCounts();

  List<VerdictCountRow> countKeys();

  int addCount(@Param("ruleId") String ruleId, @Param("status") String status, @Param("delta") long delta);

  int insertCount(@Param("ruleId") String ruleId, @Param("status") String status, @Param("delta") long delta);

  int deleteVerdicts(@Param("jobIds") UuidArray jobIds);

  int insertVerdict(@Param("jobId") UUID jobId, @Param("status") String status, @Param("restorePoint") UUID restorePoint,
                    @Param("results") String results, @Param("evaluatedAt") Instant evaluatedAt);

  int insertRuleVerdict(@Param("jobId") UUID jobId, @Param("ruleId") String ruleId, @Param("status") String status);

  /** A {@code bms_compliance_verdict} row with its job's name. */
  final class VerdictRow {
    UUID jobId;
    String jobName;
    String status;
    UUID restorePoint;
    String results;
    Instant evaluatedAt;
  }

  /** Verdicts of one status for one rule ('' or null: overall). */
  final class VerdictCountRow {
    String ruleId;
    String status;
    long count;
  }
}
