package dev.bms.core.internal.alert;

import dev.bms.api.alert.AlertRule;
import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.Job;
import dev.bms.api.model.Severity;
import dev.bms.core.internal.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the alert a new problem raises: its severity (configuration or job label), labels and SLA deadline. */
final class NewAlerts {
  private static final Logger log = LoggerFactory.getLogger(NewAlerts.class);

  private final AlertingConfig config;
  private final Ids ids;

  NewAlerts(AlertingConfig config, Ids ids) {
    this.config = config;
    this.ids = ids;
  }

  Alert of(Condition.Raise c, Instant now) {
    Severity severity = severity(c.rule(), c.job());
    Map<String, String> labels = new LinkedHashMap<>();
    c.job().ifPresent(j -> labels.putAll(j.definition().labels()));
    labels.putAll(c.extraLabels());
    labels.put("bms.rule", c.rule().id());
    labels.put("bms.severity", severity.name());
    c.job().ifPresent(j -> labels.put("bms.job", j.name()));
    Duration sla = config.ackSla().get(severity);
    return new Alert(new AlertId(ids.next()), c.fingerprint(), c.rule().id(), severity, AlertState.FIRING,
        c.job().map(Job::id), c.job().map(Job::name), c.title(), c.detail(), labels, 1, now, now, now.plus(sla),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  /** Job labels {@code bms.alert.severity.<rule>} and {@code bms.alert.severity} override the configuration. */
  private Severity severity(AlertRule rule, Optional<Job> job) {
    if (job.isPresent()) {
      Map<String, String> labels = job.get().definition().labels();
      for (String key : List.of(AlertEngine.SEVERITY_LABEL + "." + rule.id(), AlertEngine.SEVERITY_LABEL)) {
        String v = labels.get(key);
        if (v != null) {
          try {
            return Severity.valueOf(v.trim().toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            log.warn("Job '{}' has label {}={}, which is not a severity {}; ignored", job.get().name(), key, v,
                List.of(Severity.values()));
          }
        }
      }
    }
    return config.severityOf(rule);
  }
}
