package dev.bms.storage.jdbc;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.restore.CatalogEntry;
import dev.bms.api.restore.FileQuery;
import dev.bms.api.restore.FileVersion;
import dev.bms.spi.storage.CatalogStore;
import dev.bms.storage.jdbc.RestoreRows.CatalogRow;
import dev.bms.storage.jdbc.RestoreRows.HoldingCopyRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link CatalogStore} on {@code bms_manifest_entry}: a point's files by prefix (keyset by path),
 * and versions of a path, prefix or file name across restore points with the copies holding each,
 * in two queries.
 */
final class JdbcCatalogStore implements CatalogStore {
  private static final String CURSOR = "c1:";
  private final Transactions tx;

  JdbcCatalogStore(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public Page<CatalogEntry> files(ExecutionId restorePoint, String prefix, PageRequest page) {
    Objects.requireNonNull(restorePoint, "restorePoint");
    String pattern = prefix.isEmpty() ? null : likePrefix(prefix);
    String after = page.cursor().map(JdbcCatalogStore::decode).orElse(null);
    return tx.read("list files of " + restorePoint, s -> {
      List<CatalogRow> rows = s.getMapper(CatalogMapper.class)
          .selectFiles(restorePoint.value(), pattern, after, page.limit() + 1);
      boolean more = rows.size() > page.limit();
      List<CatalogRow> items = more ? rows.subList(0, page.limit()) : rows;
      Optional<String> next = more ? Optional.of(encode(items.get(items.size() - 1).path)) : Optional.empty();
      return new Page<>(items.stream().map(CatalogRow::toCatalogEntry).toList(), next);
    });
  }

  @Override
  public List<FileVersion> versions(FileQuery q) {
    String value = q.value().startsWith("/") && q.value().length() > 1 ? q.value().substring(1) : q.value();
    return tx.read("search the catalog", s -> {
      CatalogMapper m = s.getMapper(CatalogMapper.class);
      List<CatalogRow> rows = m.selectVersions(q.match().name(), value, likePrefix(value),
          q.jobId().map(JobId::value).orElse(null), q.since().orElse(null), q.limit());
      if (rows.isEmpty()) {
        return List.<FileVersion>of();
      }
      Map<UUID, List<String>> holding = new HashMap<>();
      List<UUID> points = rows.stream().map(r -> r.executionId).distinct().toList();
      for (HoldingCopyRow c : m.selectHoldingCopies(points)) {
        holding.computeIfAbsent(c.executionId, k -> new ArrayList<>()).add(c.copyName);
      }
      return rows.stream().map(r -> new FileVersion(new JobId(r.jobId), new ExecutionId(r.executionId), r.createdAt,
          r.toEntry(), holding.getOrDefault(r.executionId, List.of()))).toList();
    });
  }

  /** A LIKE pattern matching strings that start with {@code prefix} (escape character {@code !}). */
  static String likePrefix(String prefix) {
    return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  private static String encode(String path) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR + path).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(CURSOR)) {
        return text.substring(CURSOR.length());
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new InvalidRequestException("cursor: malformed '" + dev.bms.api.model.Inputs.excerpt(cursor) + "'");
  }
}
