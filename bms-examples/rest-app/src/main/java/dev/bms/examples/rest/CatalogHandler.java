package dev.bms.examples.rest;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.Page;
import dev.bms.api.restore.CatalogEntry;
import dev.bms.api.restore.FileQuery;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The catalog: the files of one restore point, and every version of a file across restore points. */
final class CatalogHandler {

  CatalogHandler() {
  }

  /** The answer of a search. */
  record SearchView(List<RestoreViews.VersionView> items, boolean limited) {
  }

  /** {@code GET /api/restore-points/{id}/files?prefix=etc/&limit=&cursor=}: in path order, keyset pages. */
  void files(Context ctx) {
    ExecutionId id = Params.executionId("id", ctx.pathParam("id"));
    if (Callers.of(ctx).executions().get(id).isEmpty()) {
      throw new ApiException(404, "not_found", "no execution with id " + id);
    }
    String prefix = Optional.ofNullable(ctx.queryParam("prefix")).orElse("");
    Page<CatalogEntry> page = Callers.of(ctx).restores().files(id, prefix, Paging.from(ctx));
    Json.respond(ctx, 200, new Views.PageView<>(page.items().stream().map(RestoreViews.FileView::of).toList(),
        page.nextCursor()));
  }

  /**
   * {@code GET /api/catalog/search?path=|prefix=|name=&jobId=&since=&limit=}: exactly one of
   * {@code path} (every version of that file), {@code prefix} (of files under it) or {@code name}
   * (a file name in any directory); newest restore point first.
   */
  void search(Context ctx) {
    List<FileQuery> given = new ArrayList<>();
    String path = ctx.queryParam("path");
    String prefix = ctx.queryParam("prefix");
    String name = ctx.queryParam("name");
    if (path != null && !path.isEmpty()) {
      given.add(FileQuery.path(strip(path)));
    }
    if (prefix != null && !prefix.isEmpty()) {
      given.add(FileQuery.prefix(strip(prefix)));
    }
    if (name != null && !name.isEmpty()) {
      given.add(FileQuery.name(name));
    }
    if (given.size() != 1) {
      throw ApiException.badField("path", "give exactly one of path, prefix or name");
    }
    FileQuery query = given.get(0);
    String job = ctx.queryParam("jobId");
    if (job != null && !job.isEmpty()) {
      query = query.inJob(Params.jobId(ctx, "jobId", job));
    }
    Optional<Instant> since = Params.instant(ctx, "since");
    if (since.isPresent()) {
      query = query.since(since.get());
    }
    int limit = Params.integer(ctx, "limit", 100, 1, 1000);
    var versions = Callers.of(ctx).restores().find(query.limit(limit));
    Json.respond(ctx, 200, new SearchView(versions.stream().map(RestoreViews.VersionView::of).toList(),
        versions.size() == limit));
  }

  /** Manifest paths are relative; a leading slash, as people type paths, is dropped. */
  private static String strip(String p) {
    String s = p.startsWith("/") ? p.substring(1) : p;
    if (s.isEmpty() || s.length() > 4096) {
      throw ApiException.badField("path", "must be 1-4096 characters");
    }
    return s;
  }
}
