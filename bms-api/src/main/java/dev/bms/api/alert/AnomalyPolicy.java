package dev.bms.api.alert;

/**
 * How bms looks for anomalies in finished executions. Give it to
 * {@code Bms.builder().anomalies(policy)}; the default finds anomalies and pauses retention while a
 * ransomware signal is open.
 *
 * <pre>{@code
 * Bms.builder().anomalies(AnomalyPolicy.defaults().withPauseRetentionOnRansomware(false));
 * }</pre>
 *
 * <p>Per job, labels override the policy: {@code bms.anomaly=off} stops looking for anomalies of the
 * job (its baseline is still kept), {@code bms.anomaly.pause-retention=false} (or {@code true})
 * decides the retention pause for the job alone.
 *
 * @param enabled whether finished executions are evaluated at all (baselines are kept either way)
 * @param pauseRetentionOnRansomware whether a job's retention deletes nothing while a
 *     {@link AlertRule#RANSOMWARE_SUSPECTED} alert of the job is open, so the last clean restore
 *     points cannot age out
 * @since 0.3.0
 */
public record AnomalyPolicy(boolean enabled, boolean pauseRetentionOnRansomware) {
  /** Job label that turns anomaly findings off for one job ({@code off}). */
  public static final String JOB_LABEL = "bms.anomaly";
  /** Job label overriding {@link #pauseRetentionOnRansomware()} for one job ({@code true}/{@code false}). */
  public static final String PAUSE_RETENTION_LABEL = "bms.anomaly.pause-retention";

  /** Findings on, retention paused while a ransomware signal is open. */
  public static AnomalyPolicy defaults() {
    return new AnomalyPolicy(true, true);
  }

  /** This policy with findings on or off. */
  public AnomalyPolicy withEnabled(boolean on) {
    return new AnomalyPolicy(on, pauseRetentionOnRansomware);
  }

  /** This policy with the retention pause on or off. */
  public AnomalyPolicy withPauseRetentionOnRansomware(boolean pause) {
    return new AnomalyPolicy(enabled, pause);
  }
}
