package dev.bms.core.internal.execution;

import dev.bms.api.model.ExecutionId;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes done by the executions running in this instance, updated on every buffer, so
 * {@code executions().get(id)} shows progress between the (less frequent) heartbeats to storage.
 */
@Singleton
public final class LiveProgress {
  private final Map<ExecutionId, AtomicLong> running = new ConcurrentHashMap<>();

  AtomicLong track(ExecutionId id) {
    return running.computeIfAbsent(id, k -> new AtomicLong());
  }

  void untrack(ExecutionId id) {
    running.remove(id);
  }

  /** Bytes done so far, if the execution runs here. */
  public OptionalLong bytesDone(ExecutionId id) {
    AtomicLong v = running.get(id);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v.get());
  }
}
