package dev.bms.storage.jdbc;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** The audit trail; statements in {@code AuditMapper.xml}. */
interface AuditMapper {

  AuditHeadRow lockHead();

  AuditHeadRow selectHead();

  AuditHeadRow selectNewest();

  int insertHead(@Param("seq") long seq, @Param("hash") String hash);

  int updateHead(@Param("seq") long seq, @Param("hash") String hash);

  int insertRecord(AuditRow row);

  /** PostgreSQL only: see {@code AuditMapper.xml}; null when the head row is missing. */
  AuditHeadRow appendMovingHead(@Param("r") AuditRow row, @Param("canonical") String canonical);

  /** PostgreSQL only: the database's SHA-256 of {@code text} as UTF-8, in lowercase hex. */
  String databaseSha256(@Param("text") String text);

  List<AuditRow> search(@Param("from") Instant from, @Param("to") Instant to, @Param("actorId") String actorId,
                        @Param("operation") String operation, @Param("resourceType") String resourceType,
                        @Param("resourceId") String resourceId, @Param("outcome") String outcome,
                        @Param("beforeSeq") Long beforeSeq, @Param("text") String text,
                        @Param("terms") List<String> terms, @Param("limit") int limit);

  List<AuditRow> range(@Param("from") Instant from, @Param("to") Instant to, @Param("afterSeq") long afterSeq,
                       @Param("limit") int limit);

  AuditRow before(@Param("seq") long seq);

  AuditRow byHash(@Param("hash") String hash);

  AuditHeadRow selectPurged();

  int insertPurged(@Param("seq") long seq, @Param("hash") String hash, @Param("at") Instant at);

  int updatePurged(@Param("seq") long seq, @Param("hash") String hash, @Param("at") Instant at);

  int deleteThrough(@Param("seq") long seq);

  /** The chain head, or the newest record's position. */
  final class AuditHeadRow {
    long seq;
    String hash;
    /** The hash the head had before it moved (returned by {@link #appendMovingHead} only). */
    String prevHash;
  }

  /** A {@code bms_audit} row. */
  final class AuditRow {
    long seq;
    Instant at;
    String actorId;
    String actorName;
    String actorKind;
    String actorRoles;
    String operation;
    String resourceType;
    String resourceId;
    String outcome;
    String detail;
    String diff;
    String prevHash;
    String hash;
  }
}
