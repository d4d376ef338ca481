package dev.bms.testkit.storage;

import static dev.bms.testkit.storage.StorageFixtures.minimalJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.Actor;
import dev.bms.api.ConflictException;
import dev.bms.api.StorageException;
import dev.bms.api.audit.AuditEntry;
import dev.bms.api.audit.AuditOutcome;
import dev.bms.api.audit.ResourceRef;
import dev.bms.api.model.Job;
import dev.bms.spi.storage.StorageCapability;
import dev.bms.spi.storage.TransactionScope;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.bms.spi.storage.Storage#transactions()}: store methods called inside
 * {@link TransactionScope#inTransaction} commit together or not at all, are invisible to other threads
 * until the commit, see each other's writes, a failed store method dooms the scope even when the work
 * catches its failure (fail-closed: nothing of it commits), and a nested scope joins the outer one. A group of
 * {@link StorageCompatibilityKit}, skipped for a storage without {@code TRANSACTIONS}; the audit part
 * needs {@code AUDIT} too.
 */
public abstract class TransactionScopeChecks extends StoreChecks {

  @Override
  protected Set<StorageCapability> requires() {
    return EnumSet.of(StorageCapability.TRANSACTIONS, StorageCapability.AUDIT);
  }

  private TransactionScope scope() {
    return storage.transactions().orElseThrow();
  }

  private static AuditEntry created(Job job) {
    return new AuditEntry(Instant.parse("2026-03-01T10:00:00Z"), Actor.person("alice", "Alice", "admin"),
        "jobs.create", new ResourceRef("job", job.id().value().toString()), AuditOutcome.SUCCEEDED, "", "{}");
  }

  @Test
  void aChangeAndItsRecordCommitTogetherAndAreInvisibleBefore() {
    Job job = newJob(minimalJob("together"));
    Optional<Job> seenFromAnotherThread = scope().inTransaction(() -> {
      storage.jobs().insert(job);
      storage.audit().orElseThrow().append(created(job));
      assertThat(storage.jobs().find(job.id())).as("the scope reads its own writes").contains(job);
      return CompletableFuture.supplyAsync(() -> storage.jobs().find(job.id())).join();
    });
    assertThat(seenFromAnotherThread).as("uncommitted work is invisible to other connections").isEmpty();
    assertThat(storage.jobs().find(job.id())).contains(job);
    assertThat(storage.audit().orElseThrow().head().sequence()).isEqualTo(1);
  }

  @Test
  void everythingRollsBackWhenTheWorkThrows() {
    Job job = newJob(minimalJob("rolled-back"));
    assertThatThrownBy(() -> scope().inTransaction(() -> {
      storage.jobs().insert(job);
      storage.audit().orElseThrow().append(created(job));
      throw new IllegalStateException("the record's caller gave up");
    })).isInstanceOf(IllegalStateException.class).hasMessage("the record's caller gave up");
    assertThat(storage.jobs().find(job.id())).isEmpty();
    assertThat(storage.audit().orElseThrow().head().sequence()).isZero();
  }

  @Test
  void aFailedStoreMethodRollsTheWholeScopeBackEvenWhenTheWorkGoesOn() {
    Job first = newJob(minimalJob("first"));
    Job duplicate = newJob(minimalJob("first"));
    Job second = newJob(minimalJob("second"));
    assertThatThrownBy(() -> scope().inTransaction(() -> {
      storage.jobs().insert(first);
      storage.audit().orElseThrow().append(created(first));
      assertThatThrownBy(() -> storage.jobs().insert(duplicate)).isInstanceOf(ConflictException.class);
      try {
        storage.jobs().insert(second);
      } catch (StorageException refused) {
        // a storage may refuse every later call of a doomed scope at once
      }
      return null;
    })).as("the work swallowed the failure; the scope still fails").isInstanceOf(StorageException.class);
    assertThat(storage.jobs().find(first.id())).isEmpty();
    assertThat(storage.jobs().find(duplicate.id())).isEmpty();
    assertThat(storage.jobs().find(second.id())).isEmpty();
    assertThat(storage.audit().orElseThrow().head().sequence()).isZero();
  }

  @Test
  void aStoreFailureTheWorkRethrowsRollsBackWithThatFailure() {
    Job first = newJob(minimalJob("first"));
    Job duplicate = newJob(minimalJob("first"));
    assertThatThrownBy(() -> scope().inTransaction(() -> {
      storage.jobs().insert(first);
      storage.jobs().insert(duplicate);
      return null;
    })).isInstanceOf(ConflictException.class);
    assertThat(storage.jobs().find(first.id())).isEmpty();
    Job again = newJob(minimalJob("first"));
    scope().inTransaction(() -> {
      storage.jobs().insert(again);
      storage.audit().orElseThrow().append(created(again));
      return null;
    });
    assertThat(storage.jobs().find(again.id())).as("the next scope on the thread is not doomed").contains(again);
    assertThat(storage.audit().orElseThrow().head().sequence()).isEqualTo(1);
  }

  @Test
  void aNestedScopeJoinsTheOuterOne() {
    Job inner = newJob(minimalJob("inner"));
    assertThatThrownBy(() -> scope().inTransaction(() -> {
      scope().inTransaction(() -> {
        storage.jobs().insert(inner);
        return null;
      });
      assertThat(CompletableFuture.supplyAsync(() -> storage.jobs().find(inner.id())).orTimeout(10, TimeUnit.SECONDS).join())
          .as("the nested scope did not commit on its own").isEmpty();
      throw new IllegalStateException("outer fails");
    })).hasMessage("outer fails");
    assertThat(storage.jobs().find(inner.id())).isEmpty();
  }
}
