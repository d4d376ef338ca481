package dev.bms.spring.boot;

import dev.bms.api.BackupManager;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the manager once the context is refreshed and closes it first on shutdown: running executions
 * drain (up to {@code bms.scheduler.drain-timeout}) while the application's DataSource is still open,
 * because lifecycle beans stop before singletons are destroyed.
 *
 * @since 0.1.0
 */
public final class BmsLifecycle implements SmartLifecycle {
  /** Late start and early stop: after the web server and DataSource are up, before they go down. */
  public static final int PHASE = Integer.MAX_VALUE - 1024;

  private final BackupManager manager;
  private volatile boolean running;

  public BmsLifecycle(BackupManager manager) {
    this.manager = manager;
  }

  @Override
  public synchronized void start() {
    if (!running) {
      manager.start();
      running = true;
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    manager.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
