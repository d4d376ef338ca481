package dev.bms.api;

import dev.bms.api.event.BmsEventListener;
import dev.bms.api.event.Subscription;

/**
 * The facade applications hold: one per application instance, built by {@code Bms.builder()} in
 * {@code bms-core}. Thread-safe. {@link #start()} turns background work on (scheduler, executor);
 * {@link #close()} lets running executions finish up to the drain deadline, then stops.
 *
 * <p>Every method of every service checks its arguments before it touches storage: a null, an
 * instant outside years 1 to 9999, text too long or holding a control character is refused with
 * an {@link InvalidRequestException} naming the parameter (bounds: {@link dev.bms.api.model.Inputs}
 * and docs/configuration.md), and nothing is written.
 *
 * <pre>{@code
 * try (BackupManager bms = Bms.builder().storage(JdbcStorage.embedded(Path.of("bms-data"))).build()) {
 *   bms.start();
 *   JobId id = bms.jobs().create(job);
 *   Execution run = bms.executions().runNow(id);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface BackupManager extends BackupServices, AutoCloseable {

  /**
   * The services as seen by {@code actor}: every call made through the returned view is attributed
   * to {@code actor} in the audit trail. Calls made directly on the manager are attributed to
   * {@link Actor#application()}. The view shares this manager's lifecycle (calls before
   * {@link #start()} or after {@link #close()} throw {@link LifecycleException}).
   *
   * @throws InvalidRequestException when {@code actor} is null
   * @since 0.2.0
   */
  BackupServices as(Actor actor);

  /** Always {@link Actor#application()}: the actor of calls made directly on the manager. */
  @Override
  default Actor actor() {
    return Actor.application();
  }

  /**
   * Registers a listener for every {@link dev.bms.api.event.BmsEvent} this instance publishes.
   *
   * @return a handle whose {@code close()} unsubscribes and throws nothing
   * @throws InvalidRequestException when the listener is null
   */
  Subscription subscribe(BmsEventListener listener);

  /**
   * The health of storage, cache and scheduler, each up, down or disabled and since when, for
   * readiness probes. Tracked as calls and periodic probes succeed or fail: asking does no I/O.
   * Storage transitions are also published as {@link dev.bms.api.event.StorageDownEvent} and
   * {@link dev.bms.api.event.StorageUpEvent}, and as the gauge {@code bms.storage.up}.
   *
   * @since 0.1
   */
  dev.bms.api.health.Health health();

  /**
   * Connects storage, warms the job cache and starts background work, all or nothing: when a step
   * fails, what had started is stopped, the manager stays unstarted and {@code start()} may be
   * called again. Idempotent once it succeeded. The configuration cannot change afterwards.
   *
   * @throws LifecycleException when the manager is closed
   * @throws StorageException when storage cannot be reached or migrated
   */
  void start();

  /**
   * Stops background work, draining running executions up to the configured deadline, and closes
   * storage and plugins. Idempotent. Every service call afterwards throws {@link LifecycleException}.
   */
  @Override
  void close();
}
