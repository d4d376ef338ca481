package dev.bms.storage.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** Four-eyes approval requests; statements in {@code ApprovalMapper.xml}. */
interface ApprovalMapper {

  int insert(ApprovalRow row);

  ApprovalRow get(@Param("id") UUID id);

  List<ApprovalRow> list(@Param("status") String status, @Param("now") Instant now,
                         @Param("requesterId") String requesterId, @Param("operation") String operation,
                         @Param("afterCreatedAt") Instant afterCreatedAt, @Param("afterId") UUID afterId,
                         @Param("limit") int limit);

  int expirePending(@Param("now") java.time.Instant now);

  int decide(@Param("id") UUID id, @Param("expectedVersion") long expectedVersion, @Param("to") String to,
             @Param("decidedById") String decidedById, @Param("decidedByName") String decidedByName,
             @Param("decidedByKind") String decidedByKind, @Param("decidedByRoles") String decidedByRoles,
             @Param("at") Instant at, @Param("comment") String comment);

  int recordOutcome(@Param("id") UUID id, @Param("outcome") String outcome, @Param("detail") String detail);

  /** A {@code bms_approval} row. */
  final class ApprovalRow {
    UUID id;
    String action;
    String operation;
    String resourceType;
    String resourceId;
    String arguments;
    String summary;
    String requesterId;
    String requesterName;
    String requesterKind;
    String requesterRoles;
    Instant createdAt;
    Instant expiresAt;
    String status;
    long version;
    String decidedById;
    String decidedByName;
    String decidedByKind;
    String decidedByRoles;
    Instant decidedAt;
    String comment;
    String outcome;
    String outcomeDetail;
  }
}
