package dev.bms.core.internal.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * This instance's execution slots: a global limit and limits per target type. The claim asks only
 * for as many executions as fit ({@link #claimLimit()}) and skips saturated target types, so every
 * claimed execution has its slots at once.
 */
final class ConcurrencyLimits {
  private final int global;
  private final Map<String, Integer> perTarget;
  private final Map<String, Integer> inUse = new HashMap<>();
  private int running;

  ConcurrencyLimits(int global, Map<String, Integer> perTarget) {
    this.global = global;
    this.perTarget = Map.copyOf(perTarget);
  }

  /** Executions that may be claimed now. */
  synchronized int claimLimit() {
    int limit = global - running;
    for (Map.Entry<String, Integer> e : perTarget.entrySet()) {
      int free = e.getValue() - inUse.getOrDefault(e.getKey(), 0);
      if (free > 0) {
        limit = Math.min(limit, free);
      }
    }
    return Math.max(0, limit);
  }

  /** Target types with no free slot: the claim skips executions writing to them. */
  synchronized Set<String> saturated() {
    Set<String> full = new TreeSet<>();
    perTarget.forEach((type, max) -> {
      if (inUse.getOrDefault(type, 0) >= max) {
        full.add(type);
      }
    });
    return full;
  }

  synchronized void acquire(List<String> targetTypes) {
    running++;
    for (String t : targetTypes) {
      if (perTarget.containsKey(t)) {
        inUse.merge(t, 1, Integer::sum);
      }
    }
  }

  synchronized void release(List<String> targetTypes) {
    running--;
    for (String t : targetTypes) {
      if (perTarget.containsKey(t)) {
        inUse.merge(t, -1, Integer::sum);
      }
    }
  }

  synchronized int running() {
    return running;
  }
}
