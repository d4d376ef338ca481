package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.ComplianceRows.OutcomeCountRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Report aggregations; statements in {@code ReportMapper.xml}. */
interface ReportMapper {

  List<OutcomeCountRow> selectOutcomeCounts(@Param("from") Instant from, @Param("to") Instant to,
                                            @Param("fromEpoch") BigDecimal fromEpoch,
                                            @Param("bucketMicros") long bucketMicros,
                                            @Param("statuses") List<String> statuses);
}
