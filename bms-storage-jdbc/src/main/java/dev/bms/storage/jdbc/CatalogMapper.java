package dev.bms.storage.jdbc;

import dev.bms.storage.jdbc.RestoreRows.CatalogRow;
import dev.bms.storage.jdbc.RestoreRows.HoldingCopyRow;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL of catalog search; statements in {@code CatalogMapper.xml}. */
interface CatalogMapper {

  List<CatalogRow> selectFiles(@Param("executionId") UUID executionId, @Param("pattern") String pattern,
                               @Param("after") String after, @Param("limit") int limit);

  List<CatalogRow> selectVersions(@Param("match") String match, @Param("value") String value,
                                  @Param("pattern") String pattern, @Param("jobId") UUID jobId,
                                  @Param("since") Instant since, @Param("limit") int limit);

  List<HoldingCopyRow> selectHoldingCopies(@Param("ids") Collection<UUID> executionIds);
}
