package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.AlertRows.AlertRow;
import dev.bms.storage.jdbc.AlertRows.AttemptAlertRow;
import dev.bms.storage.jdbc.AlertRows.AttemptRow;
import dev.bms.storage.jdbc.AlertRows.BreachRow;
import dev.bms.storage.jdbc.AlertRows.HistoryRow;
import dev.bms.storage.jdbc.AlertRows.OutcomeCountRow;
import dev.bms.storage.jdbc.AlertRows.SilenceRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL on the alerting tables; statements in {@code AlertMapper.xml}. */
interface AlertMapper {

  int insertAlert(AlertRow row);

  int insertLabels(@Param("alertId") UUID alertId, @Param("labels") Map<String, String> labels);

  /** One label row; batched by {@code insertAll}, where the multi-row {@link #insertLabels} would vary in shape. */
  int insertLabel(@Param("alertId") UUID alertId, @Param("key") String key, @Param("value") String value);

  int updateAlert(AlertRow row);

  AlertRow selectAlert(@Param("id") UUID id);

  AlertRow selectOpen(@Param("fingerprint") String fingerprint);

  List<AlertRow> selectOpenAmong(@Param("fingerprints") TextArray fingerprints);

  /** A keyset page, highest id first; {@code afterId} null for the first page. */
  List<AlertRow> selectAlerts(@Param("states") List<String> states, @Param("severities") List<String> severities,
                              @Param("jobId") UUID jobId, @Param("rule") String rule, @Param("rules") List<String> rules,
                              @Param("labels") Map<String, String> labels, @Param("raisedFrom") Instant raisedFrom,
                              @Param("raisedBefore") Instant raisedBefore, @Param("afterId") UUID afterId,
                              @Param("limit") int limit);

  /** Alerts matching the filter per (rule, severity, state). */
  List<GroupCount> countGroups(@Param("states") List<String> states, @Param("severities") List<String> severities,
                               @Param("jobId") UUID jobId, @Param("rule") String rule, @Param("rules") List<String> rules,
                               @Param("labels") Map<String, String> labels, @Param("raisedFrom") Instant raisedFrom,
                               @Param("raisedBefore") Instant raisedBefore, @Param("afterId") UUID afterId);

  /** One row of {@link #countGroups}. */
  final class GroupCount {
    public String rule;
    public String severity;
    public String state;
    public long n;
  }

  int insertHistory(HistoryRow row);

  List<HistoryRow> selectHistory(@Param("alertId") UUID alertId);

  int insertSilence(SilenceRow row);

  List<SilenceRow> selectSilences(@Param("at") Instant at);

  SilenceRow selectSilence(@Param("id") String id);

  int updateSilenceWindow(@Param("id") String id, @Param("startsAt") Instant startsAt,
                          @Param("endsAt") Instant endsAt);

  int countBreach(@Param("alertId") UUID alertId);

  int insertBreach(BreachRow row);

  List<BreachRow> selectBreaches(@Param("from") Instant from, @Param("to") Instant to);

  int insertAttempt(AttemptRow row);

  int insertAttemptAlerts(@Param("row") UUID row, @Param("alertIds") List<UUID> alertIds);

  List<AttemptRow> selectAttempts(@Param("alertId") UUID alertId);

  List<AttemptAlertRow> selectAttemptAlerts(@Param("rows") UuidArray rows);

  List<OutcomeCountRow> selectOutcomeCounts(@Param("from") Instant from, @Param("to") Instant to);
}
