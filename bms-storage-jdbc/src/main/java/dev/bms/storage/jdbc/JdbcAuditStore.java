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
 * head row, inserts the record after it and moves the head, in one transaction: appends of several
 * instances are serialized, never forked. On PostgreSQL that is one statement (the head row's
 * {@code UPDATE ... RETURNING} locks it and computes the hash, an {@code INSERT} takes what it returned);
 * on H2 three ({@code SELECT ... FOR UPDATE}, insert, update).
 * A purge deletes the oldest records and keeps the last one's sequence and hash in
 * {@code bms_audit_purge}, under the same lock.
 */
final class JdbcAuditStore implements AuditStore {
  private static final String CURSOR = "a1:";

  private final Transactions tx;
  /** Whether appends are one statement that computes the hash in the database (see {@link #decideHashing}). */
  private volatile boolean hashInDatabase;

  JdbcAuditStore(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    if (hashInDatabase) {
      AuditRecord appended = tx.write("append an audit record", null, s -> {
        AuditHeadRow moved = s.getMapper(AuditMapper.class).appendMovingHead(row(0, entry, null, null),
            AuditChain.canonical(entry));
        return moved == null ? null : new AuditRecord(moved.seq, entry, moved.prevHash, moved.hash);
      });
      if (appended != null) {
        return appended;
      }
      // the head row is missing (tables emptied by hand or by a test): recreated below
    }
    return tx.write("append an audit record", null, s -> {
      AuditMapper m = s.getMapper(AuditMapper.class);
      AuditHeadRow head = m.lockHead();
      if (head == null) {
        // tables emptied by hand (or by a test): the head restarts from the newest record; when another
        // instance recreates it at the same time, its row wins and is locked below
        AuditHeadRow newest = m.selectNewest();
        long seq = newest == null ? 0 : newest.seq;
        String hash = newest == null ? AuditChain.GENESIS : newest.hash;
        tx.recoverable(s, () -> m.insertHead(seq, hash));
        head = m.lockHead();
      }
      long seq = head.seq + 1;
      String hash = AuditChain.hash(head.hash, entry);
      m.insertRecord(row(seq, entry, head.hash, hash));
      m.updateHead(seq, hash);
      return new AuditRecord(seq, entry, head.hash, hash);
    });
  }

  /**
   * Decides, once the storage has started, whether appends compute the chain's hash in the database (one
   * statement, see {@code AuditMapper.appendMovingHead}): on PostgreSQL when its SHA-256 of a probe text
   * with non-ASCII characters, escapes and a line break is the one {@link AuditChain} computes (it is not,
   * e.g., when the database's encoding cannot hold the text), else by locking the head, inserting and moving
   * it (three statements).
   */
  void decideHashing() {
    hashInDatabase = false;
    if (!tx.postgres()) {
      return;
    }
    String probe = "probe \\ \n \u00e9\u00fc \u6f22 \ud83d\ude00 end";
    try {
      String theirs = tx.read("probe the database's SHA-256", s -> s.getMapper(AuditMapper.class).databaseSha256(probe));
      hashInDatabase = sha256(probe).equals(theirs);
    } catch (RuntimeException e) {
      hashInDatabase = false;
    }
    if (!hashInDatabase) {
      org.slf4j.LoggerFactory.getLogger(JdbcAuditStore.class).info("The database's SHA-256 does not match the audit"
          + " chain's; audit appends lock, insert and move the head in three statements");
    }
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
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
