package dev.bms.core.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The effective configuration of one manager, as the builder validated it.
 *
 * @param instanceId names this instance in execution owners, logs and metrics
 * @param heartbeatInterval how often a running execution records progress and a heartbeat
 * @param drainTimeout how long {@code close()} lets running executions finish
 * @param jobCacheSize jobs kept in the cache
 * @param jobCacheTtl how long a cached job is trusted without an invalidation
 * @param warmCacheOnStart whether {@code start()} loads every job into the cache
 * @param gaugeRefreshInterval how often state gauges are recomputed from storage
 * @param copyStallTimeout how long one call into a target may block before that copy alone fails
 */
public record BmsSettings(String instanceId, Duration heartbeatInterval, Duration drainTimeout,
                          long jobCacheSize, Duration jobCacheTtl, boolean warmCacheOnStart,
                          Duration gaugeRefreshInterval, Duration copyStallTimeout) {
  public BmsSettings {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(jobCacheTtl, "jobCacheTtl");
    Objects.requireNonNull(gaugeRefreshInterval, "gaugeRefreshInterval");
    Objects.requireNonNull(copyStallTimeout, "copyStallTimeout");
  }
}
