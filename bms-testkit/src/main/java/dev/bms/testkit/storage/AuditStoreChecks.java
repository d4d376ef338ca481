package dev.bms.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.bms.spi.storage.StorageCapability;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.bms.spi.storage.Storage#audit()}: appends number records from 1 without
 * gaps and chain their hashes ({@link AuditChain}), records come back exactly as appended, search
 * filters and pages newest first, and concurrent appends never fork the chain. A group of
 * {@link StorageCompatibilityKit}, skipped for a storage without {@code AUDIT}.
 */
public abstract class AuditStoreChecks extends StoreChecks {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

  @Override
  protected Set<StorageCapability> requires() {
    return EnumSet.of(StorageCapability.AUDIT);
  }

  private AuditStore audit() {
    return storage.audit().orElseThrow();
  }

  private static AuditEntry entry(int minute, String actor, String operation, String resourceId, AuditOutcome outcome,
                                  String diff) {
    return new AuditEntry(T0.plus(Duration.ofMinutes(minute)), Actor.person(actor, actor + " name", "operator", "admin"),
        operation, new ResourceRef("job", resourceId), outcome, outcome == AuditOutcome.SUCCEEDED ? "" : "refused\nbad",
        diff);
  }

  @Test
  void appendsAreNumberedAndChainedAndReadBackExactly() {
    assertThat(audit().head()).isEqualTo(new AuditChain.Head(0, AuditChain.GENESIS));
    AuditEntry first = entry(0, "alice", "jobs.create", "j-1", AuditOutcome.SUCCEEDED,
        "{\"definition.name\":{\"to\":\"payroll \\\"files\\\"\"}}");
    AuditEntry second = entry(1, "bob", "jobs.delete", "j-1", AuditOutcome.REFUSED, "{}");

    AuditRecord one = audit().append(first);
    AuditRecord two = audit().append(second);

    assertThat(one).isEqualTo(new AuditRecord(1, first, AuditChain.GENESIS, AuditChain.hash(AuditChain.GENESIS, first)));
    assertThat(two).isEqualTo(new AuditRecord(2, second, one.hash(), AuditChain.hash(one.hash(), second)));
    assertThat(audit().head()).isEqualTo(new AuditChain.Head(2, two.hash()));
    assertThat(audit().search(AuditFilter.all(), PageRequest.first(10)).items()).containsExactly(two, one);
    assertThat(audit().range(T0, T0.plusSeconds(3600), 0, 10)).containsExactly(one, two);
    assertThat(audit().range(T0, T0.plusSeconds(3600), 1, 10)).containsExactly(two);
    assertThat(audit().range(T0.plusSeconds(1), T0.plusSeconds(3600), 0, 10)).containsExactly(two);
    assertThat(audit().before(2)).contains(one);
    assertThat(audit().before(1)).isEmpty();
    assertThat(audit().byHash(two.hash())).contains(two);
    assertThat(audit().byHash(AuditChain.GENESIS)).isEmpty();
  }

  @Test
  void anyTextIsChainedAsAuditChainHashesIt() {
    // a storage may compute the hash itself (in the database): it must be AuditChain's, byte for byte
    AuditEntry odd = new AuditEntry(T0, Actor.person("zoë", "Zoë 漢字 \\ 😀", "operator"), "jobs.update",
        new ResourceRef("job", "j-ü"), AuditOutcome.FAILED, "back\\slash\r\nline 'quote' \"dq\" tab\t end",
        "{\"definition.description\":{\"from\":\"a\\\\b\",\"to\":\"café ☕ 😀\"}}");
    AuditRecord one = audit().append(odd);
    AuditRecord two = audit().append(entry(1, "bob", "jobs.delete", "j-1", AuditOutcome.SUCCEEDED, "{}"));
    assertThat(one).isEqualTo(new AuditRecord(1, odd, AuditChain.GENESIS, AuditChain.hash(AuditChain.GENESIS, odd)));
    assertThat(two.previousHash()).isEqualTo(one.hash());
    assertThat(two.hash()).isEqualTo(AuditChain.hash(one.hash(), two.entry()));
    assertThat(audit().before(2)).contains(one);
  }

  @Test
  void aPurgeDeletesTheOldestRecordsAndKeepsTheLastOnesHashAsTheBoundary() {
    assertThat(audit().purged()).isEqualTo(new AuditChain.Head(0, AuditChain.GENESIS));
    List<AuditRecord> records = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      records.add(audit().append(entry(i, "alice", "jobs.create", "j-" + i, AuditOutcome.SUCCEEDED, "{}")));
    }
    assertThatThrownBy(() -> audit().purge(5, T0)).as("past the head").isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> audit().purge(0, T0)).isInstanceOf(InvalidRequestException.class);

    assertThat(audit().purge(2, T0.plusSeconds(60))).isEqualTo(2);

    assertThat(audit().purged()).isEqualTo(new AuditChain.Head(2, records.get(1).hash()));
    assertThat(audit().range(T0, T0.plusSeconds(3600), 0, 10)).containsExactly(records.get(2), records.get(3));
    assertThat(audit().before(3)).isEmpty();
    assertThat(audit().head()).as("the head stays").isEqualTo(new AuditChain.Head(4, records.get(3).hash()));
    assertThat(audit().purge(1, T0)).as("already purged").isZero();
    assertThat(audit().purged().sequence()).isEqualTo(2);
    AuditRecord next = audit().append(entry(5, "bob", "jobs.delete", "j-1", AuditOutcome.SUCCEEDED, "{}"));
    assertThat(next.sequence()).isEqualTo(5);
    assertThat(next.previousHash()).isEqualTo(records.get(3).hash());
  }

  @Test
  void searchFiltersAndPagesNewestFirst() {
    audit().append(entry(0, "alice", "jobs.create", "j-1", AuditOutcome.SUCCEEDED, "{\"name\":{\"to\":\"ledger\"}}"));
    audit().append(entry(1, "bob", "jobs.create", "j-2", AuditOutcome.SUCCEEDED, "{\"name\":{\"to\":\"mailbox\"}}"));
    audit().append(entry(2, "bob", "jobs.update", "j-2", AuditOutcome.REFUSED, "{}"));
    audit().append(entry(3, "alice", "alerts.silence", "j-1", AuditOutcome.SUCCEEDED, "{}"));

    assertThat(seqs(AuditFilter.all().withActor("bob"))).containsExactly(3L, 2L);
    assertThat(seqs(AuditFilter.all().withOperation("jobs.create"))).containsExactly(2L, 1L);
    assertThat(seqs(AuditFilter.all().withResource("job", "j-1"))).containsExactly(4L, 1L);
    assertThat(seqs(AuditFilter.all().withOutcome(AuditOutcome.REFUSED))).containsExactly(3L);
    assertThat(seqs(AuditFilter.all().between(T0.plusSeconds(60), T0.plusSeconds(180)))).containsExactly(3L, 2L);
    assertThat(seqs(AuditFilter.all().withText("mailbox"))).containsExactly(2L);
    assertThat(seqs(AuditFilter.all().withText("LEDGER alice"))).containsExactly(1L);
    assertThat(seqs(AuditFilter.all().withText("ledger bob"))).isEmpty();

    Page<AuditRecord> first = audit().search(AuditFilter.all(), PageRequest.first(3));
    assertThat(first.items()).extracting(AuditRecord::sequence).containsExactly(4L, 3L, 2L);
    Page<AuditRecord> second = audit().search(AuditFilter.all(), first.next(3).orElseThrow());
    assertThat(second.items()).extracting(AuditRecord::sequence).containsExactly(1L);
    assertThat(second.hasNext()).isFalse();
    assertThatThrownBy(() -> audit().search(AuditFilter.all(), PageRequest.after("bm90LWEtY3Vyc29y", 3)))
        .isInstanceOf(InvalidRequestException.class);
  }

  private List<Long> seqs(AuditFilter filter) {
    return audit().search(filter, PageRequest.first(100)).items().stream().map(AuditRecord::sequence).toList();
  }

  @Test
  void concurrentAppendsKeepOneChain() throws Exception {
    int threads = 4;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < each; i++) {
            audit().append(entry(i, "writer-" + thread, "test.append", thread + "-" + i, AuditOutcome.SUCCEEDED, "{}"));
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<AuditRecord> records = new ArrayList<>(audit().search(AuditFilter.all(), PageRequest.first(1000)).items());
    java.util.Collections.reverse(records);
    assertThat(records).hasSize(threads * each);
    String previous = AuditChain.GENESIS;
    for (int i = 0; i < records.size(); i++) {
      AuditRecord r = records.get(i);
      assertThat(r.sequence()).isEqualTo(i + 1);
      assertThat(r.previousHash()).as("record %d links to %d", i + 1, i).isEqualTo(previous);
      assertThat(r.hash()).isEqualTo(AuditChain.hash(previous, r.entry()));
      previous = r.hash();
    }
    assertThat(audit().head()).isEqualTo(new AuditChain.Head(threads * each, previous));
  }
}
