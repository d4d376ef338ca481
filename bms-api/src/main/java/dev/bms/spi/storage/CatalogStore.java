package dev.bms.spi.storage;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.restore.CatalogEntry;
import dev.bms.api.restore.FileQuery;
import dev.bms.api.restore.FileVersion;
import java.util.List;

/**
 * Searching the manifests bms stored with every execution (the catalog). Paths compare byte-wise
 * (as UTF-8), whatever the database's collation.
 *
 * @since 0.1.0
 */
public interface CatalogStore {

  /**
   * The files of one restore point whose path starts with {@code prefix} (empty: all), in path
   * order, keyset-paginated by path.
   */
  Page<CatalogEntry> files(ExecutionId restorePoint, String prefix, PageRequest page);

  /**
   * Versions of files matching the query in restore points (SUCCEEDED or PARTIAL executions),
   * newest restore point first, with the copies that hold each. A fixed number of queries.
   */
  List<FileVersion> versions(FileQuery query);
}
