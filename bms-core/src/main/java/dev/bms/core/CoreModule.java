package dev.bms.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.bms.api.AlertService;
import dev.bms.api.BackupManager;
import dev.bms.api.ExecutionService;
import dev.bms.api.JobService;
import dev.bms.api.RestoreService;
import dev.bms.api.RetentionService;
import dev.bms.core.internal.restore.DefaultRestoreService;
import dev.bms.api.ScheduleService;
import dev.bms.api.VerificationService;
import dev.bms.api.ComplianceService;
import dev.bms.api.report.ReportService;
import dev.bms.core.internal.compliance.DefaultComplianceService;
import dev.bms.core.internal.report.DefaultReportService;
import dev.bms.core.internal.engine.DefaultScheduleService;
import dev.bms.core.internal.engine.EngineSettings;
import dev.bms.core.internal.retention.DefaultRetentionService;
import dev.bms.core.internal.retention.VerifiedRestorePoints;
import dev.bms.core.internal.verify.DefaultVerificationService;
import dev.bms.core.internal.verify.EvidenceVerifiedRestorePoints;
import dev.bms.core.internal.BmsSettings;
import dev.bms.core.internal.metrics.Telemetry;
import dev.bms.core.internal.DefaultBackupManager;
import dev.bms.core.internal.Ids;
import dev.bms.core.internal.Lifecycle;
import dev.bms.core.internal.alert.AlertingSetup;
import dev.bms.core.internal.alert.DefaultAlertService;
import dev.bms.core.internal.event.EventBus;
import dev.bms.core.internal.execution.DefaultExecutionService;
import dev.bms.core.internal.job.DefaultJobService;
import dev.bms.core.internal.job.JobValidator;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.spi.cache.CacheProvider;
import dev.bms.spi.storage.Storage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * bms's own wiring, in an injector of its own that applications never see: {@link BmsModule}
 * exposes only the manager and its services, so nothing bound here can clash with an
 * application's bindings.
 */
final class CoreModule extends AbstractModule {
  private final BmsBuilder.Config config;

  CoreModule(BmsBuilder.Config config) {
    this.config = config;
  }

  @Override
  protected void configure() {
    bind(Storage.class).toInstance(config.storage());
    bind(CacheProvider.class).toInstance(config.cacheProvider());
    bind(MeterRegistry.class).toInstance(config.meterRegistry());
    bind(Clock.class).toInstance(config.clock());
    bind(BmsSettings.class).toInstance(config.settings());
    bind(dev.bms.core.internal.audit.AuditSettings.class).toInstance(config.audit());
    bind(Telemetry.class).toInstance(config.telemetry());
    bind(dev.bms.spi.AccessPolicy.class).toInstance(config.accessPolicy());
    bind(dev.bms.core.internal.approval.FourEyesSettings.class).toInstance(config.fourEyes());
    bind(PluginRegistry.class).toInstance(config.plugins());
    bind(Lifecycle.class).in(Singleton.class);
    bind(EventBus.class).in(Singleton.class);
    bind(JobService.class).to(DefaultJobService.class);
    bind(ExecutionService.class).to(DefaultExecutionService.class);
    bind(VerificationService.class).to(DefaultVerificationService.class);
    bind(EngineSettings.class).toInstance(config.engine());
    bind(VerifiedRestorePoints.class).to(EvidenceVerifiedRestorePoints.class);
    bind(RetentionService.class).to(DefaultRetentionService.class);
    bind(ScheduleService.class).to(DefaultScheduleService.class);
    bind(AlertingSetup.class).toInstance(config.alerting());
    bind(AlertService.class).to(DefaultAlertService.class);
    bind(ComplianceService.class).to(DefaultComplianceService.class);
    bind(ReportService.class).to(DefaultReportService.class);
    bind(RestoreService.class).to(DefaultRestoreService.class);
    bind(BackupManager.class).to(DefaultBackupManager.class);
  }

  @Provides
  @Singleton
  Ids ids(Clock clock) {
    return new Ids(clock);
  }

  @Provides
  @Singleton
  JobValidator jobValidator(PluginRegistry plugins) {
    return new JobValidator(plugins);
  }
}
