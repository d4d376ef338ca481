package dev.bms.storage.jdbc;

import dev.bms.spi.storage.ExecutionOutcome;
import dev.bms.spi.storage.ExecutionStore.Completion;
import java.time.Instant;
import java.util.UUID;

/** One row of the {@code VALUES} list of {@code ExecutionBatchMapper.finishGroup}: a completion, flattened. */
final class FinishRow {
  UUID id;
  long version;
  String status;
  Instant finishedAt;
  long bytes;
  long files;
  String error;

  static FinishRow of(Completion c) {
    ExecutionOutcome o = c.outcome();
    FinishRow r = new FinishRow();
    r.id = c.id().value();
    r.version = c.version();
    r.status = o.status().name();
    r.finishedAt = o.finishedAt();
    r.bytes = o.bytes();
    r.files = o.files();
    r.error = o.error().orElse(null);
    return r;
  }
}
