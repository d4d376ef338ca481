package dev.bms.core.internal.anomaly;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.JobId;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One successful (or partial) execution as anomaly detection sees it.
 *
 * @param start when it started, in the job's time zone (weekday and time of day pick the baseline)
 * @param signals what the data path measured (managed runs that read their source)
 */
record Observation(JobId jobId, ExecutionId executionId, ExecutionMode mode, ZonedDateTime start, long bytes,
                   long files, Duration duration, Optional<RunSignals> signals) {

  /** The values a baseline keeps of this execution. */
  Map<Metric, Double> values() {
    Map<Metric, Double> v = new EnumMap<>(Metric.class);
    v.put(Metric.BYTES, Math.log1p(bytes));
    v.put(Metric.FILES, Math.log1p(files));
    v.put(Metric.DURATION, Math.log1p(duration.toMillis()));
    v.put(Metric.DAY, start.toEpochSecond() / 86_400.0);
    signals.filter(RunSignals::comparable).ifPresent(s -> {
      v.put(Metric.CHANGED, s.changedShare());
      v.put(Metric.GAINED_EXTENSIONS, s.gainedShare());
      v.put(Metric.ENCRYPTED, s.encryptedShare());
    });
    return v;
  }
}
