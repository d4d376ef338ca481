package dev.bms.core.internal.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Options of the scheduler and the execution engine, as the builder validated them.
 *
 * @param schedulerEnabled whether {@code start()} runs the scheduler and claims executions at all
 * @param pollInterval how often the engine fires due schedules, reaps expired leases and claims
 * @param leaseTimeout how long a claimed execution stays owned without a heartbeat; after that a
 *     live instance marks it ABANDONED and retries it
 * @param maxConcurrentExecutions executions this instance runs at once
 * @param maxConcurrentPerTarget executions this instance runs at once that write to a target type
 * @param misfireThreshold a fire time older than this when first seen was missed (no instance ran)
 * @param fireBatch schedules fired per transaction
 * @param maxFiresPerJob fire times enumerated per job per tick (a longer backlog is cut)
 * @param rpoCheckInterval how often RPOs are checked (and a breach republished at most)
 * @param stopGrace how long a stopped run may take to notice before its thread is interrupted
 * @param reportedHeartbeatTimeout how long a reported execution ({@code begin}) stays RUNNING
 *     without a heartbeat; after that a live instance marks it ABANDONED
 */
public record EngineSettings(boolean schedulerEnabled, Duration pollInterval, Duration leaseTimeout,
                             int maxConcurrentExecutions, Map<String, Integer> maxConcurrentPerTarget,
                             Duration misfireThreshold, int fireBatch, int maxFiresPerJob, Duration rpoCheckInterval,
                             Duration stopGrace, Duration reportedHeartbeatTimeout) {
  public EngineSettings {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(leaseTimeout, "leaseTimeout");
    maxConcurrentPerTarget = Map.copyOf(maxConcurrentPerTarget);
    Objects.requireNonNull(misfireThreshold, "misfireThreshold");
    Objects.requireNonNull(rpoCheckInterval, "rpoCheckInterval");
    Objects.requireNonNull(stopGrace, "stopGrace");
    Objects.requireNonNull(reportedHeartbeatTimeout, "reportedHeartbeatTimeout");
  }

  /**
   * The defaults: poll every second, 60 s leases, 4 executions at once, misfires after 1 min,
   * reported executions abandoned after 1 h without a heartbeat.
   */
  public static EngineSettings defaults() {
    return new EngineSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(60), 4, Map.of(),
        Duration.ofMinutes(1), 500, 1000, Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofHours(1));
  }
}
