package dev.bms.api;

import dev.bms.api.approval.ApprovalService;
import dev.bms.api.audit.AuditService;
import dev.bms.api.report.ReportService;

/**
 * The services of bms, as seen by one {@link Actor}. {@link BackupManager} is the view of
 * {@link Actor#application()}; {@link BackupManager#as(Actor)} returns the view of any other actor.
 * Every mutating call made through a view is attributed to its actor in the audit trail
 * ({@link #audit()}); reads are not recorded.
 *
 * <p>A view is cheap (make one per request), thread-safe, and shares the manager's lifecycle: its
 * calls throw {@link LifecycleException} exactly when the manager's would.
 *
 * @since 0.2.0
 */
public interface BackupServices {

  /** The actor every call of this view is attributed to. */
  Actor actor();

  /** Job definitions: create, update, enable, delete, get, list. */
  JobService jobs();

  /** Executions: run now, report external backups, read history. */
  ExecutionService executions();

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
   * The audit trail: search the records of who changed what, and verify their hash chain. Needs a
   * storage with the {@link dev.bms.spi.storage.StorageCapability#AUDIT} capability; without it
   * nothing is recorded and these calls throw {@link CapabilityMissingException}.
   */
  AuditService audit();

  /**
   * Four-eyes approval: the destructive calls held for a second actor's decision, and that decision
   * (approve, reject) as this view's actor. Needs a storage with the
   * {@link dev.bms.spi.storage.StorageCapability#APPROVALS} capability; without it these calls throw
   * {@link CapabilityMissingException}. Nothing is held unless the builder enables
   * {@code fourEyes(...)}.
   *
   * @since 0.2.0
   */
  ApprovalService approvals();
}
