package dev.bms.api.audit;

import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import java.time.Instant;

/**
 * The audit trail of one deployment (one database): every mutating service call and every refusal,
 * newest first, hash-chained. Reading the trail is not itself recorded.
 *
 * @since 0.2.0
 */
public interface AuditService {

  /**
   * Records matching {@code filter}, newest first (by sequence), one keyset page at a time.
   *
   * @throws dev.bms.api.InvalidRequestException when the cursor is not one this listing returned
   */
  @NotAudited("read")
  Page<AuditRecord> search(AuditFilter filter, PageRequest page);

  /**
   * Recomputes the hash chain of the records written in {@code [from, to)}, linking the first to
   * the record before it, and names the first record that was altered, removed or reordered. When
   * {@code to} is after the newest record, also checks that the chain's head (kept apart from the
   * records) still names the newest record, so a removed tail is found too.
   */
  @NotAudited("read")
  ChainVerification verify(Instant from, Instant to);
}
