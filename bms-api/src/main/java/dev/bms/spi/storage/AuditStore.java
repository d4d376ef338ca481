package dev.bms.spi.storage;

import dev.bms.api.audit.AuditEntry;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail's records and its hash chain: one chain per database (deployment), however many
 * bms instances share it. An optional capability ({@link StorageCapability#AUDIT}).
 *
 * <p>Appends are serialized across instances (a lock on the chain's head row): each append reads
 * the head, computes the new record's hash with {@link AuditChain#hash} and moves the head, in one
 * transaction, so two instances appending at once never fork the chain.
 *
 * @since 0.2.0
 */
public interface AuditStore {

  /**
   * Appends {@code entry} at the head of the chain and returns the stored record.
   *
   * @throws dev.bms.api.StorageException when it cannot be written
   */
  AuditRecord append(AuditEntry entry);

  /**
   * Records matching {@code filter}, by sequence descending, one keyset page at a time; the cursor
   * is the last sequence number of the previous page.
   */
  Page<AuditRecord> search(AuditFilter filter, PageRequest page);

  /**
   * Records with {@code from <= at < to}, by sequence ascending, at most {@code limit}, starting
   * after sequence {@code afterSequence}.
   */
  List<AuditRecord> range(Instant from, Instant to, long afterSequence, int limit);

  /** The record with the highest sequence below {@code sequence}, if any. */
  Optional<AuditRecord> before(long sequence);

  /** The record whose hash is {@code hash}, if any (to tell a reordered record from a removed one). */
  Optional<AuditRecord> byHash(String hash);

  /** The chain's head: the sequence and hash of the newest record; sequence 0 and the genesis hash when empty. */
  AuditChain.Head head();

  /**
   * The purge boundary: the sequence and hash of the last record purged (the first remaining record
   * links to it); sequence 0 and the genesis hash when nothing was ever purged.
   */
  AuditChain.Head purged();

  /**
   * Deletes the records with sequence {@code <= throughSequence} and makes that record's sequence and
   * hash the {@linkplain #purged purge boundary}, in one transaction, serialized with appends. Does
   * nothing when the boundary is already there or beyond. The caller exports the records first.
   *
   * @param at when, kept with the boundary
   * @return the number of records deleted
   * @throws dev.bms.api.InvalidRequestException when {@code throughSequence} is not a record of the chain
   *     (below 1 or past the head)
   */
  long purge(long throughSequence, Instant at);
}
