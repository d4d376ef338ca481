package dev.bms.api.alert;

import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertState;
import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * A finding as bms keeps it: the {@link Alert} that reports it, with the {@link Finding} read back
 * from that alert (its kind, job, execution, score and explanation). Listed by
 * {@code alerts().findings(filter, page)}.
 *
 * <p>A {@link AlertRule#RANSOMWARE_SUSPECTED} alert stands for every ransomware signal of its run:
 * its finding's kind is {@link FindingKind#ENCRYPTED_CONTENT} when content looked encrypted, else
 * {@link FindingKind#MASS_CHANGE} (mass change together with unusual extensions), and its explanation
 * holds every signal's, one sentence after the other.
 *
 * @param finding the finding, as raised
 * @param alert the alert reporting it: its state says whether the finding is still open
 * @since 0.3.0
 */
public record FindingAlert(Finding finding, Alert alert) {
  public FindingAlert {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(alert, "alert");
  }

  /** Firing, acknowledged or resolved: the alert's state. */
  public AlertState state() {
    return alert.state();
  }

  /** The alert's severity ({@code CRITICAL} for a ransomware signal unless configured otherwise). */
  public Severity severity() {
    return alert.severity();
  }

  /** When the finding was raised (the alert's first sighting). */
  public Instant raisedAt() {
    return alert.firstSeen();
  }

  /** The execution the finding was made in. */
  public ExecutionId executionId() {
    return finding.executionId();
  }

  /** Whether this is a ransomware signal ({@link AlertRule#RANSOMWARE_SUSPECTED}), which pauses retention while open. */
  public boolean ransomware() {
    return AlertRule.RANSOMWARE_SUSPECTED.id().equals(alert.rule());
  }
}
