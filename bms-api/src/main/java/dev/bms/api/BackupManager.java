package dev.bms.api;

import dev.bms.api.event.BmsEventListener;
import dev.bms.api.event.Subscription;
import dev.bms.api.report.ReportService;

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
public interface BackupManager extends AutoCloseable {

  /** Job definitions: create, update, enable, delete, get, list. */
  JobService jobs();

  /** Executions: run now, report external backups, read history. */
  ExecutionService executions();

  /**
   * Registers a listener for every {@link dev.bms.api.event.BmsEvent} this instance publishes.
   *
   * @return a handle whose {@code close()} unsubscribes and throws nothing
   * @throws InvalidRequestException when the listener is null
   */
  Subscription subscribe(BmsEventListener listener);

  /** Retention: preview and apply deletion of expired copies. */
  RetentionService retention();

  /** Schedule and RPO status of jobs. */
  ScheduleService schedules();

  /** Verification of restore points (checksum, restore test). */
  VerificationService verifications();

  /** 3-2-1-1-0 compliance of jobs, and its policies. */
  ComplianceService compliance();

  /** Reports: success rates, compliance, alert acknowledgement times, job history. */
  ReportService reports();

  /** Alerts: open, list, acknowledge, silence, history, acknowledgement SLA report. */
  AlertService alerts();

  /** Restores (whole restore points or selected files, verified as they land) and catalog search. */
  RestoreService restores();

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
