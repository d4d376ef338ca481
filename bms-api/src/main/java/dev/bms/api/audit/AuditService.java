package dev.bms.api.audit;

import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import java.io.InputStream;
import java.nio.file.Path;
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

  /**
   * Exports the oldest records, those written before {@code before} (up to the first later one, so
   * the purged part stays a contiguous start of the chain), to a new JSON-lines file in
   * {@code exportDirectory} (created if missing; one line per record with its sequence, content,
   * previous hash and hash, then an end line), flushes it to disk, and only then deletes them and keeps
   * the last one's sequence and hash as the trail's purge boundary, so {@link #verify} of what remains
   * still links its first record. The purge itself is recorded.
   *
   * @return what was exported and deleted; {@link AuditPurge#nothing()} when no record is that old
   * @throws dev.bms.api.StorageException when the file cannot be written (nothing is deleted) or the
   *     records cannot be deleted
   * @since 0.2.0
   */
  @Audited(operation = "audit.purge", resource = "audit-trail")
  AuditPurge purge(Instant before, Path exportDirectory);

  /**
   * Verifies an export written by {@link #purge}: every line parses, sequences follow each other, each
   * record's hash recomputes from its content and previous hash and links to the line before, and the
   * end line names the last record (so a truncated file is found). The first record's previous hash
   * links to the previous export's last hash (or, for the first export, the genesis hash).
   * Needs no storage.
   *
   * @return the records checked and the first break, if any ({@code ALTERED}, {@code REMOVED} or
   *     {@code REORDERED}, as for {@link #verify})
   * @since 0.2.0
   */
  @NotAudited("read")
  ChainVerification verifyExport(InputStream export);
}
