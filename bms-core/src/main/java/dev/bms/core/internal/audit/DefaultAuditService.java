package dev.bms.core.internal.audit;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.Inputs;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.audit.AuditService;
import dev.bms.api.audit.ChainBreak;
import dev.bms.api.audit.ChainVerification;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.core.internal.Lifecycle;
import dev.bms.spi.storage.AuditChain;
import dev.bms.spi.storage.AuditStore;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageCapability;
import dev.bms.api.CapabilityMissingException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import dev.bms.api.audit.AuditPurge;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AuditService} on the storage's {@link AuditStore}. Verification walks the records of the
 * range in sequence order, 1,000 at a time, and for each checks that its sequence follows the
 * previous one (else a record was REMOVED), that its hash recomputes from its content and previous
 * hash (else it was ALTERED), and that its previous hash is the previous record's hash (else it
 * was REORDERED when some other record has that hash, or its predecessor was ALTERED when none
 * has).
 */
@Singleton
public final class DefaultAuditService implements AuditService {
  private static final int BATCH = 1_000;

  private final Storage storage;
  private final Lifecycle lifecycle;
  private final Clock clock;

  @Inject
  public DefaultAuditService(Storage storage, Lifecycle lifecycle, Clock clock) {
    this.storage = storage;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  private AuditStore store() {
    lifecycle.requireRunning();
    return storage.audit().orElseThrow(() -> new CapabilityMissingException(StorageCapability.AUDIT,
        "This call needs the audit capability, which storage " + storage.describe() + " does not have"));
  }

  @Override
  public Page<AuditRecord> search(AuditFilter filter, PageRequest page) {
    Inputs.requireArgument("filter", filter);
    Inputs.requireArgument("page", page);
    return store().search(filter, page);
  }

  @Override
  public ChainVerification verify(Instant from, Instant to) {
    Inputs.requireInstant("from", from);
    Inputs.requireInstant("to", to);
    if (!from.isBefore(to)) {
      throw new InvalidRequestException("from: " + from + " must be before to: " + to);
    }
    AuditStore store = store();
    long checked = 0;
    long expectedSeq = -1;
    String expectedPrev = null;
    AuditRecord last = null;
    long after = 0;
    while (true) {
      List<AuditRecord> batch = store.range(from, to, after, BATCH);
      for (AuditRecord r : batch) {
        if (expectedSeq < 0) {
          // the record before the range, or else the last purged one (the genesis hash when none was)
          Optional<AuditRecord> previous = store.before(r.sequence());
          AuditChain.Head link = previous.map(p -> new AuditChain.Head(p.sequence(), p.hash()))
              .orElseGet(store::purged);
          expectedSeq = link.sequence() + 1;
          expectedPrev = link.hash();
        }
        checked++;
        Optional<ChainBreak> broken = check(store, r, expectedSeq, expectedPrev);
        if (broken.isPresent()) {
          return new ChainVerification(checked, broken);
        }
        expectedSeq = r.sequence() + 1;
        expectedPrev = r.hash();
        last = r;
      }
      if (batch.size() < BATCH) {
        break;
      }
      after = batch.get(batch.size() - 1).sequence();
    }
    return new ChainVerification(checked, tail(store, last, to));
  }

  @Override
  public AuditPurge purge(Instant before, Path exportDirectory) {
    Inputs.requireInstant("before", before);
    Inputs.requireArgument("exportDirectory", exportDirectory);
    return new AuditPurger(store(), clock).purge(before, exportDirectory);
  }

  @Override
  public ChainVerification verifyExport(InputStream export) {
    Inputs.requireArgument("export", export);
    return AuditExports.verify(export);
  }

  private static Optional<ChainBreak> check(AuditStore store, AuditRecord r, long expectedSeq, String expectedPrev) {
    if (r.sequence() > expectedSeq) {
      return Optional.of(new ChainBreak(expectedSeq, ChainBreak.Kind.REMOVED, "record " + expectedSeq
          + (r.sequence() - 1 > expectedSeq ? " to " + (r.sequence() - 1) : "") + " missing: the next record is "
          + r.sequence()));
    }
    if (!AuditChain.hash(r.previousHash(), r.entry()).equals(r.hash())) {
      return Optional.of(new ChainBreak(r.sequence(), ChainBreak.Kind.ALTERED, "record " + r.sequence()
          + " (" + r.entry().operation() + " by " + r.entry().actor().id() + ") no longer matches its hash"));
    }
    if (!r.previousHash().equals(expectedPrev)) {
      Optional<AuditRecord> predecessor = store.byHash(r.previousHash());
      if (predecessor.isPresent()) {
        return Optional.of(new ChainBreak(r.sequence(), ChainBreak.Kind.REORDERED, "record " + r.sequence()
            + " was written after the record now at " + predecessor.get().sequence() + ", not after record "
            + (expectedSeq - 1)));
      }
      return Optional.of(new ChainBreak(expectedSeq - 1, ChainBreak.Kind.ALTERED, "record " + (expectedSeq - 1)
          + " was replaced or its hash rewritten: record " + r.sequence() + " follows a hash no record has"));
    }
    return Optional.empty();
  }

  /**
   * When the range reaches past the newest record, the head (kept in its own row) must name the
   * newest record: a head further on means the tail was removed.
   */
  private static Optional<ChainBreak> tail(AuditStore store, AuditRecord last, Instant to) {
    Page<AuditRecord> newestPage = store.search(AuditFilter.all(), PageRequest.first(1));
    if (newestPage.items().isEmpty()) {
      AuditChain.Head head = store.head();
      return head.sequence() == 0 || head.equals(store.purged()) ? Optional.empty() : Optional.of(new ChainBreak(1, ChainBreak.Kind.REMOVED,
          "the chain head names record " + head.sequence() + " but no record is left"));
    }
    AuditRecord newest = newestPage.items().get(0);
    if (!newest.entry().at().isBefore(to) || (last != null && last.sequence() != newest.sequence())) {
      return Optional.empty(); // the range ends before the newest record
    }
    AuditChain.Head head = store.head();
    if (head.sequence() > newest.sequence()) {
      return Optional.of(new ChainBreak(newest.sequence() + 1, ChainBreak.Kind.REMOVED, "records "
          + (newest.sequence() + 1) + " to " + head.sequence() + " missing: the chain head names record "
          + head.sequence()));
    }
    if (head.sequence() == newest.sequence() && !Objects.equals(head.hash(), newest.hash())) {
      return Optional.of(new ChainBreak(newest.sequence(), ChainBreak.Kind.ALTERED, "record "
          + newest.sequence() + " does not have the hash the chain head recorded"));
    }
    return Optional.empty();
  }
}
