package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.Finding;
import dev.bms.api.alert.FindingKind;
import dev.bms.api.event.AnomaliesFoundEvent;
import dev.bms.api.model.Alert;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Schedule;
import dev.bms.api.model.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forecast end to end: managed runs of a daily job whose RPO (1 h) is shorter than its interval
 * raise {@code rpo-at-risk} (a WARNING) after each run, before the RPO is breached; with the RPO
 * raised to 48 h the next run resolves it.
 */
class ForecastAlertsTest {
  @TempDir
  Path dir;
  BackupManager bms;
  final List<AnomaliesFoundEvent> found = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    bms = TestBms.started(dir, new SimpleMeterRegistry());
    bms.subscribe(e -> {
      if (e instanceof AnomaliesFoundEvent a) {
        found.add(a);
      }
    });
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  @Test
  void aDailyJobWithAnHourOfRpoIsAtRiskAfterEveryRunUntilItsRpoFits() throws IOException {
    Path source = TestBms.sampleTree(dir.resolve("src"));
    BackupJob tight = BackupJob.builder("daily-docs")
        .source("directory", Map.of("path", source.toString()))
        .schedule(Schedule.cron("0 3 * * *", ZoneOffset.UTC))
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("nas"))).named("nas"))
        .rpo(Duration.ofHours(1))
        .build();
    JobId id = bms.jobs().create(tight);

    Execution first = bms.executions().runNow(id);

    assertThat(first.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(found).hasSize(1);
    Finding f = found.get(0).findings().stream().filter(x -> x.kind() == FindingKind.RPO_AT_RISK).findFirst()
        .orElseThrow();
    assertThat(f.explanation()).containsAnyOf("would end", "one more failed run breaches the RPO of 1 h 0 min");
    List<Alert> open = atRisk();
    assertThat(open).hasSize(1);
    assertThat(open.get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(open.get(0).title()).isEqualTo("RPO of daily-docs at risk");
    assertThat(open.get(0).detail()).contains(f.explanation(), first.id().toString());

    // restated by the next run: still the one alert
    bms.executions().runNow(id);
    assertThat(atRisk()).extracting(Alert::id).containsExactly(open.get(0).id());

    bms.jobs().update(id, bms.jobs().get(id).orElseThrow().version(), tight.toBuilder().rpo(Duration.ofHours(48)).build());
    Execution fits = bms.executions().runNow(id);

    assertThat(fits.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(atRisk()).as("the next run fits the RPO again: resolved").isEmpty();
  }

  private List<Alert> atRisk() {
    return bms.alerts().open().stream().filter(a -> a.rule().equals(AlertRule.RPO_AT_RISK.id())).toList();
  }
}
