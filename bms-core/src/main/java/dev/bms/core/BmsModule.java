package dev.bms.core;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Provides;
import com.google.inject.Stage;
import dev.bms.api.AlertService;
import dev.bms.api.BackupManager;
import dev.bms.api.ComplianceService;
import dev.bms.api.ExecutionService;
import dev.bms.api.JobService;
import dev.bms.api.RestoreService;
import dev.bms.api.RetentionService;
import dev.bms.api.ScheduleService;
import dev.bms.api.VerificationService;
import dev.bms.api.report.ReportService;
import jakarta.inject.Singleton;

/**
 * The Guice module for applications that use Guice themselves:
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(Bms.builder().storage(storage).module(), new MyAppModule());
 * BackupManager bms = injector.getInstance(BackupManager.class);
 * bms.start();
 * }</pre>
 *
 * <p>It binds {@link BackupManager} and its services ({@link JobService}, {@link ExecutionService},
 * {@link VerificationService}, {@link RetentionService}, {@link ScheduleService},
 * {@link ComplianceService}, {@link ReportService}, {@link AlertService}) as singletons, and nothing
 * else: bms wires itself in an injector of its own, so the application's own bindings of a
 * {@code Clock}, a {@code MeterRegistry} or anything else never clash with bms's, and bms never
 * picks up the application's. It starts no threads: {@link BackupManager#start()} does. Obtain one
 * from {@link BmsBuilder#module()}, which has validated the configuration.
 *
 * @since 0.1.0
 */
public final class BmsModule extends AbstractModule {
  private final BmsBuilder.Config config;

  BmsModule(BmsBuilder.Config config) {
    this.config = config;
  }

  @Override
  protected void configure() {
    // everything is provided below, from bms's own injector
  }

  /** The manager, built in bms's own injector; used by {@link BmsBuilder#build()} too. */
  static BackupManager createManager(BmsBuilder.Config config) {
    return Guice.createInjector(Stage.PRODUCTION, new CoreModule(config)).getInstance(BackupManager.class);
  }

  @Provides
  @Singleton
  BackupManager backupManager() {
    return createManager(config);
  }

  @Provides
  @Singleton
  JobService jobs(BackupManager bms) {
    return bms.jobs();
  }

  @Provides
  @Singleton
  ExecutionService executions(BackupManager bms) {
    return bms.executions();
  }

  @Provides
  @Singleton
  VerificationService verifications(BackupManager bms) {
    return bms.verifications();
  }

  @Provides
  @Singleton
  RetentionService retention(BackupManager bms) {
    return bms.retention();
  }

  @Provides
  @Singleton
  ScheduleService schedules(BackupManager bms) {
    return bms.schedules();
  }

  @Provides
  @Singleton
  ComplianceService compliance(BackupManager bms) {
    return bms.compliance();
  }

  @Provides
  @Singleton
  RestoreService restores(BackupManager bms) {
    return bms.restores();
  }

  @Provides
  @Singleton
  ReportService reports(BackupManager bms) {
    return bms.reports();
  }

  @Provides
  @Singleton
  AlertService alerts(BackupManager bms) {
    return bms.alerts();
  }
}
