package dev.bms.examples.rest;

import dev.bms.api.model.PageRequest;
import io.javalin.http.Context;

/** Reads {@code limit} and {@code cursor} query parameters into a keyset {@link PageRequest}. */
final class Paging {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private Paging() {
  }

  static PageRequest from(Context ctx) {
    int limit = Params.integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    String cursor = ctx.queryParam("cursor");
    if (cursor == null || cursor.isEmpty()) {
      return PageRequest.first(limit);
    }
    if (cursor.length() > 512 || !cursor.matches("[A-Za-z0-9_=.:-]+")) {
      throw ApiException.badField("cursor", "is not a cursor returned by this listing");
    }
    return PageRequest.after(cursor, limit);
  }
}
