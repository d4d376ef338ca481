package dev.bms.spring.boot;

import dev.bms.api.BackupManager;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.PageRequest;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Actuator health of bms ({@code /actuator/health/bms}): DOWN while bms cannot reach its storage, or before
 * the manager started.
 *
 * @since 0.1.0
 */
public class BmsHealthIndicator extends AbstractHealthIndicator {
  private final BackupManager manager;
  private final BmsLifecycle lifecycle;

  public BmsHealthIndicator(BackupManager manager, BmsLifecycle lifecycle) {
    super("bms health check failed");
    this.manager = manager;
    this.lifecycle = lifecycle;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    if (!lifecycle.isRunning()) {
      builder.down().withDetail("manager", "not started");
      return;
    }
    // one primary-key-sized read: proves the pool hands out a connection and the schema is there
    manager.jobs().list(JobFilter.all(), PageRequest.first(1));
    builder.up().withDetail("storage", "up");
  }
}
