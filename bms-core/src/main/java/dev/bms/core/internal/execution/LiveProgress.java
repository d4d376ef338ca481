package dev.bms.core.internal.execution;

import dev.bms.api.model.ExecutionId;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes and files done by the executions running in this instance, updated on every buffer and
 * every finished file, so {@code executions().get(id)} shows progress between the (less frequent)
 * heartbeats to storage. In memory only: another instance sees the last heartbeat's bytes.
 */
@Singleton
public final class LiveProgress {
  private final Map<ExecutionId, Counters> running = new ConcurrentHashMap<>();

  /** Bytes and files done so far by one running execution. */
  public static final class Counters {
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong files = new AtomicLong();

    /** Bytes read from the source so far. */
    public long bytes() {
      return bytes.get();
    }

    /** Files read from the source to their end so far. */
    public long files() {
      return files.get();
    }
  }

  Counters track(ExecutionId id) {
    return running.computeIfAbsent(id, k -> new Counters());
  }

  void untrack(ExecutionId id) {
    running.remove(id);
  }

  /** Progress so far, if the execution runs here. */
  public Optional<Counters> of(ExecutionId id) {
    return Optional.ofNullable(running.get(id));
  }
}
