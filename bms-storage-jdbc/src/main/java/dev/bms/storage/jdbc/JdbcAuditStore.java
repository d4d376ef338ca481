package dev.bms.storage.jdbc;

import dev.bms.api.Actor;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.audit.AuditEntry;
import dev.bms.api.audit.AuditFilter;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.AuditRecord;
import dev.bms.api.audit.ResourceRef;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.spi.storage.AuditChain;
import dev.bms.spi.storage.AuditStore;
import dev.bms.storage.jdbc.AuditMapper.AuditHeadRow;
import dev.bms.storage.jdbc.AuditMapper.AuditRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link AuditStore} in tables {@code bms_audit} and {@code bms_audit_head}. An append locks the
 * head row ({@code SELECT ... FOR UPDATE}, on PostgreSQL and H2 alike), inserts the record after it
 * and moves the head, in one transaction: appends of several instances are serialized, never forked.
 * A purge deletes the oldest records and keeps the last one's sequence and hash in
 * {@code bms_audit_purge}, under the same lock.
 */
final class JdbcAuditStore implements AuditStore {
  private static final String CURSOR = "a1:";

  private final Transactions tx;

  JdbcAuditStore(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    try {
      return appendOnce(entry);
    } catch (dev.bms.api.ConflictException headCreatedMeanwhile) {
      // the head row was missing (emptied tables) and another instance recreated it first
      return appendOnce(entry);
    }
  }

  private AuditRecord appendOnce(AuditEntry entry) {
    return tx.write("append an audit record", message -> new dev.bms.api.ConflictException(
        "audit chain head changed concurrently: " + message), s -> {
      AuditMapper m = s.getMapper(AuditMapper.class);
      AuditHeadRow head = m.lockHead();
      if (head == null) {
        // tables emptied by hand (or by a test): the head restarts from the newest record
        head = m.selectNewest();
        if (head == null) {
          head = new AuditHeadRow();
          head.seq = 0;
          head.hash = AuditChain.GENESIS;
        }
        m.insertHead(head.seq, head.hash);
        head = m.lockHead();
      }
      long seq = head.seq + 1;
      String hash = AuditChain.hash(head.hash, entry);
      m.insertRecord(row(seq, entry, head.hash, hash));
      m.updateHead(seq, hash);
      return new AuditRecord(seq, entry, head.hash, hash);
    });
  }

  @Override
  public Page<AuditRecord> search(AuditFilter filter, PageRequest page) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(page, "page");
    Long beforeSeq = page.cursor().map(JdbcAuditStore::parseCursor).orElse(null);
    String text = filter.text().orElse(null);
    List<String> terms = text == null ? List.of() : Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\s+"))
        .filter(t -> !t.isEmpty()).map(JdbcAuditStore::likePattern).toList();
    List<AuditRow> rows = tx.read("search audit records", s -> s.getMapper(AuditMapper.class).search(
        filter.from().orElse(null), filter.to().orElse(null), filter.actorId().orElse(null),
        filter.operation().orElse(null), filter.resourceType().orElse(null), filter.resourceId().orElse(null),
        filter.outcome().map(Enum::name).orElse(null), beforeSeq, text, terms, page.limit() + 1));
    boolean more = rows.size() > page.limit();
    List<AuditRecord> items = rows.stream().limit(page.limit()).map(JdbcAuditStore::toRecord).toList();
    Optional<String> next = more ? Optional.of(cursor(items.get(items.size() - 1).sequence())) : Optional.empty();
    return new Page<>(items, next);
  }

  @Override
  public List<AuditRecord> range(Instant from, Instant to, long afterSequence, int limit) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return tx.read("read audit records", s -> s.getMapper(AuditMapper.class).range(from, to, afterSequence, limit))
        .stream().map(JdbcAuditStore::toRecord).toList();
  }

  @Override
  public Optional<AuditRecord> before(long sequence) {
    return Optional.ofNullable(tx.read("read an audit record", s -> s.getMapper(AuditMapper.class).before(sequence)))
        .map(JdbcAuditStore::toRecord);
  }

  @Override
  public Optional<AuditRecord> byHash(String hash) {
    Objects.requireNonNull(hash, "hash");
    return Optional.ofNullable(tx.read("read an audit record", s -> s.getMapper(AuditMapper.class).byHash(hash)))
        .map(JdbcAuditStore::toRecord);
  }

  @Override
  public AuditChain.Head head() {
    AuditHeadRow row = tx.read("read the audit chain head", s -> s.getMapper(AuditMapper.class).selectHead());
    return row == null ? new AuditChain.Head(0, AuditChain.GENESIS) : new AuditChain.Head(row.seq, row.hash);
  }

  @Override
  public AuditChain.Head purged() {
    AuditHeadRow row = tx.read("read the audit purge boundary", s -> s.getMapper(AuditMapper.class).selectPurged());
    return row == null ? new AuditChain.Head(0, AuditChain.GENESIS) : new AuditChain.Head(row.seq, row.hash);
  }

  @Override
  public long purge(long throughSequence, Instant at) {
    Objects.requireNonNull(at, "at");
    return tx.write("purge audit records through " + throughSequence, null, s -> {
      AuditMapper m = s.getMapper(AuditMapper.class);
      AuditHeadRow head = m.lockHead(); // one purge or append at a time
      if (head == null || throughSequence < 1 || throughSequence > head.seq) {
        throw new InvalidRequestException("throughSequence: " + throughSequence + " is not a record of the chain"
            + " (head " + (head == null ? 0 : head.seq) + ")");
      }
      AuditHeadRow boundary = m.selectPurged();
      if (boundary != null && throughSequence <= boundary.seq) {
        return 0L;
      }
      AuditRow last = m.before(throughSequence + 1);
      if (last == null || last.seq != throughSequence) {
        throw new IllegalStateException("audit record " + throughSequence + " is missing; nothing purged");
      }
      long deleted = m.deleteThrough(throughSequence);
      if (boundary == null) {
        m.insertPurged(throughSequence, last.hash, at);
      } else {
        m.updatePurged(throughSequence, last.hash, at);
      }
      return deleted;
    });
  }

  private static AuditRow row(long seq, AuditEntry e, String prevHash, String hash) {
    AuditRow r = new AuditRow();
    r.seq = seq;
    r.at = e.at();
    r.actorId = e.actor().id();
    r.actorName = e.actor().displayName();
    r.actorKind = e.actor().kind().name();
    r.actorRoles = String.join(",", e.actor().roles());
    r.operation = e.operation();
    r.resourceType = e.resource().type();
    r.resourceId = e.resource().id();
    r.outcome = e.outcome().name();
    r.detail = e.detail();
    r.diff = e.diff();
    r.prevHash = prevHash;
    r.hash = hash;
    return r;
  }

  /**
   * The record as stored. A row edited by hand into something that is not a valid entry (an unknown
   * kind or outcome, a blank actor) still comes back, with the bad value kept visible where it can
   * be, so that verification reports it as altered instead of failing.
   */
  private static AuditRecord toRecord(AuditRow r) {
    Actor.Kind kind;
    try {
      kind = Actor.Kind.valueOf(r.actorKind);
    } catch (IllegalArgumentException e) {
      kind = Actor.Kind.SERVICE;
    }
    AuditOutcome outcome;
    try {
      outcome = AuditOutcome.valueOf(r.outcome);
    } catch (IllegalArgumentException e) {
      outcome = AuditOutcome.FAILED;
    }
    Set<String> roles = r.actorRoles == null || r.actorRoles.isEmpty() ? Set.of() : Set.of(r.actorRoles.split(","));
    Actor actor;
    try {
      actor = new Actor(r.actorId, r.actorName, roles, kind);
    } catch (RuntimeException e) {
      actor = new Actor("invalid", "invalid", Set.of(), kind);
    }
    AuditEntry entry = new AuditEntry(r.at, actor, r.operation, new ResourceRef(r.resourceType, r.resourceId),
        outcome, r.detail, r.diff);
    return new AuditRecord(r.seq, entry, r.prevHash, r.hash);
  }

  private static String likePattern(String term) {
    String escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }

  private static String cursor(long seq) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR + seq).getBytes(StandardCharsets.UTF_8));
  }

  private static long parseCursor(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(CURSOR)) {
        return Long.parseLong(text.substring(CURSOR.length()));
      }
    } catch (IllegalArgumentException e) {
      // falls through
    }
    String shown = cursor.length() > 100 ? cursor.substring(0, 100) + "..." : cursor;
    throw new InvalidRequestException("cursor: '" + shown + "' is not a cursor of this listing");
  }
}
