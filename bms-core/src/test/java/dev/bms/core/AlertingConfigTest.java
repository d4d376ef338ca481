package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.InvalidConfigException;
import dev.bms.api.alert.AlertRoute;
import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.model.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerting configuration: defaults, and every problem reported at once. */
class AlertingConfigTest {
  @TempDir
  Path dir;

  @Test
  void defaultsFollowTheReferenceReport() {
    AlertingConfig c = AlertingConfig.defaults();
    assertThat(c.ackSla()).containsEntry(Severity.CRITICAL, Duration.ofMinutes(15))
        .containsEntry(Severity.WARNING, Duration.ofHours(2)).containsEntry(Severity.INFO, Duration.ofHours(24));
    assertThat(c.severityOf(AlertRule.COPY_FAILED)).isEqualTo(Severity.WARNING);
    assertThat(c.notifiers()).isEmpty();
    assertThat(AlertingConfig.builder().ackSla(Severity.INFO, Duration.ofHours(8)).build().ackSla())
        .containsEntry(Severity.INFO, Duration.ofHours(8)).containsEntry(Severity.CRITICAL, Duration.ofMinutes(15));
  }

  @Test
  void theConfigurationReportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> AlertingConfig.builder()
        .notifier("mail", "email", Map.of())
        .notifier("mail", "log", Map.of())
        .route(AlertRoute.builder("r").notifiers("nobody").build())
        .fallback("ghost")
        .consecutiveFailures(1)
        .repeatInterval(Duration.ZERO)
        .build())
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "notifiers: the name 'mail' is used twice",
            "routes.r.notifiers: no notifier named 'nobody'",
            "fallback: no notifier named 'ghost'",
            "consecutiveFailures: 1 must be at least 2",
            "repeatInterval: PT0S must be positive"));
  }

  @Test
  void buildRejectsUnknownNotifierTypesAndBadNotifierKeysTogether() {
    AlertingConfig config = AlertingConfig.builder()
        .notifier("pager", "pagerduty", Map.of())
        .notifier("mail", "email", Map.of("host", "smtp.example.com", "hots", "typo"))
        .notifier("audit", "log", Map.of("level", "LOUD"))
        .build();
    assertThatThrownBy(() -> TestBms.builder(dir, new SimpleMeterRegistry()).alerting(config).build())
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("alerting.notifiers.pager: unknown notifier type 'pagerduty'")
                .contains("email").contains("log").contains("webhook"))
            .anySatisfy(p -> assertThat(p).isEqualTo("alerting.notifiers.mail.hots: unknown key for notifier 'mail' (email)"))
            .anySatisfy(p -> assertThat(p).startsWith("alerting.notifiers.mail.from: is required"))
            .anySatisfy(p -> assertThat(p).startsWith("alerting.notifiers.audit.level: 'LOUD' is not one of")));
  }
}
