package dev.bms.core.internal.alert;

import dev.bms.api.alert.AlertRule;
import dev.bms.api.event.RestoreFinishedEvent;
import dev.bms.api.event.RtoEvaluatedEvent;
import dev.bms.api.restore.RestoreExecution;
import dev.bms.api.restore.RestoreProblem;
import dev.bms.api.restore.RestoreTimeEstimate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The restore rules: a failed or timed-out restore, and an RTO the evidence says cannot be met. */
final class RestoreAlerts {
  private RestoreAlerts() {
  }

  static List<Condition> restoreFinished(RestoreFinishedEvent e) {
    RestoreExecution r = e.restore();
    return switch (r.status()) {
      case SUCCEEDED -> List.of(new Condition.Clear(AlertRule.RESTORE_FAILED, Optional.of(e.job()), "",
          "restore " + r.id() + " succeeded"));
      case FAILED, TIMED_OUT -> List.of(new Condition.Raise(AlertRule.RESTORE_FAILED, Optional.of(e.job()), "",
          "Restore of " + e.job().name() + " " + (r.status() == dev.bms.api.restore.RestoreStatus.FAILED ? "failed" : "timed out"),
          "Restore " + r.id() + " of restore point " + r.restorePoint() + " (asked by " + r.requestedBy() + ") ended "
              + r.status() + r.error().map(x -> ": " + x).orElse("") + unrecovered(r), Map.of()));
      default -> List.of();
    };
  }

  static List<Condition> rtoEvaluated(RtoEvaluatedEvent e) {
    RestoreTimeEstimate est = e.estimate();
    if (est.meetsTarget()) {
      return List.of(new Condition.Clear(AlertRule.RTO_AT_RISK, Optional.of(e.job()), "",
          "measured restore time " + est.estimate() + " fits the target"));
    }
    return List.of(new Condition.Raise(AlertRule.RTO_AT_RISK, Optional.of(e.job()), "",
        "RTO of " + e.job().name() + " cannot be met",
        "Restoring the newest restore point (" + est.bytes() + " bytes) from copy '" + est.copyName() + "' at the "
            + "measured " + Math.round(est.bytesPerSecond()) + " bytes/s takes " + est.estimate() + ", above the RTO target of "
            + est.target().orElseThrow() + " (measured " + est.measuredAt() + ").", Map.of()));
  }

  private static String unrecovered(RestoreExecution r) {
    List<RestoreProblem> left = r.unrecovered();
    if (left.isEmpty()) {
      return "";
    }
    return "\n" + left.stream().limit(10).map(p -> p.path() + ": " + p.kind() + " " + p.detail())
        .collect(Collectors.joining("\n")) + (left.size() > 10 ? "\n... and " + (left.size() - 10) + " more" : "");
  }
}
