package dev.bms.api.audit;

import java.util.Objects;

/**
 * One stored audit record: its place in the deployment's hash chain and what it says.
 *
 * @param sequence its position in the chain, from 1, without gaps
 * @param entry what it records
 * @param previousHash the hash of the record before it (64 zeros for the first)
 * @param hash SHA-256 (hex) over {@code previousHash} and the canonical form of {@code entry}
 * @since 0.2.0
 */
public record AuditRecord(long sequence, AuditEntry entry, String previousHash, String hash) {
  public AuditRecord {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }
}
