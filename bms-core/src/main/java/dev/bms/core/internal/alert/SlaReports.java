package dev.bms.core.internal.alert;

import dev.bms.api.alert.AlertingConfig;
import dev.bms.api.model.AckSlaReport;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.Severity;
import dev.bms.api.model.SeverityAckStats;
import dev.bms.spi.storage.AlertStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes the acknowledgement SLA report of the alerts raised in a period. An alert breached its
 * SLA when it was acknowledged after its deadline, or was still open and unacknowledged when the
 * deadline passed; one that resolved unacknowledged before its deadline needed no acknowledgement.
 */
final class SlaReports {
  private SlaReports() {
  }

  static AckSlaReport report(AlertStore store, AlertingConfig config, Instant from, Instant to, Instant now) {
    List<Alert> raised = new ArrayList<>();
    PageRequest page = PageRequest.first(1000);
    while (true) {
      Page<Alert> p = store.list(AlertFilter.all().raisedBetween(from, to), page);
      raised.addAll(p.items());
      if (p.nextCursor().isEmpty()) {
        break;
      }
      page = PageRequest.after(p.nextCursor().get(), 1000);
    }
    List<SeverityAckStats> stats = new ArrayList<>();
    for (Severity s : Severity.values()) {
      List<Alert> of = raised.stream().filter(a -> a.severity() == s).toList();
      List<Duration> ackTimes = of.stream().filter(a -> a.acknowledgedAt().isPresent())
          .map(a -> Duration.between(a.firstSeen(), a.acknowledgedAt().get())).sorted().toList();
      long within = of.stream().filter(a -> a.acknowledgedAt().isPresent()
          && !a.acknowledgedAt().get().isAfter(a.ackDeadline())).count();
      long breached = of.stream().filter(a -> breached(a, now)).count();
      stats.add(new SeverityAckStats(s, config.ackSla().get(s), of.size(), ackTimes.size(), within, breached,
          percentile(ackTimes, 50), percentile(ackTimes, 95),
          ackTimes.isEmpty() ? Optional.empty() : Optional.of(ackTimes.get(ackTimes.size() - 1))));
    }
    return new AckSlaReport(from, to, stats, store.breaches(from, to));
  }

  static boolean breached(Alert a, Instant now) {
    if (a.slaBreached()) {
      return true;
    }
    Instant deadline = a.ackDeadline();
    if (a.acknowledgedAt().isPresent()) {
      return a.acknowledgedAt().get().isAfter(deadline);
    }
    boolean resolvedInTime = a.resolvedAt().map(r -> !r.isAfter(deadline)).orElse(false);
    return now.isAfter(deadline) && !resolvedInTime;
  }

  /** Nearest-rank percentile of sorted durations. */
  static Optional<Duration> percentile(List<Duration> sorted, int p) {
    if (sorted.isEmpty()) {
      return Optional.empty();
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return Optional.of(sorted.get(Math.max(0, rank - 1)));
  }
}
