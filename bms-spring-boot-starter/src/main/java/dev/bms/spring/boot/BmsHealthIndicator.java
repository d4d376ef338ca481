package dev.bms.spring.boot;

import dev.bms.api.BackupManager;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Actuator health of bms ({@code /actuator/health/bms}), from {@code BackupManager.health()}: DOWN while bms
 * cannot reach its storage, or when the manager is not running; storage, cache and scheduler states (with
 * since-when) as details.
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
    dev.bms.api.health.Health health = manager.health();
    (health.ready() ? builder.up() : builder.down())
        .withDetail("storage", describe(health.storage()))
        .withDetail("cache", describe(health.cache()))
        .withDetail("scheduler", describe(health.scheduler()));
  }

  private static String describe(dev.bms.api.health.ComponentHealth component) {
    return component.state() + " since " + component.since() + component.detail().map(d -> ": " + d).orElse("");
  }
}
