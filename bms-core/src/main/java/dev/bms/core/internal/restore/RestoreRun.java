package dev.bms.core.internal.restore;

import dev.bms.api.restore.CopyUsage;
import dev.bms.api.restore.RestoreId;
import dev.bms.api.restore.RestoreProblem;
import dev.bms.api.restore.RestoreProgress;
import dev.bms.api.restore.RestoreStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live state of one restore: counters, per-copy usage, problems, and the stop conditions
 * (cancel, deadline from the injected clock) checked between buffers. Written by the restore's
 * thread; progress is read by others through volatile fields.
 */
final class RestoreRun {
  private final RestoreId id;
  private final Clock clock;
  private final Instant startedAt;
  private final Optional<Instant> deadline;
  private final long filesTotal;
  private final long bytesTotal;
  private volatile boolean cancelled;
  private volatile long filesDone;
  private volatile long bytesDone;
  private volatile String current;
  long filesRestored;
  long filesSkipped;
  long filesFailed;
  final List<RestoreProblem> problems = new ArrayList<>();
  private final Map<String, long[]> usage = new LinkedHashMap<>();
  private final Map<String, String> types = new LinkedHashMap<>();

  RestoreRun(RestoreId id, Clock clock, Instant startedAt, Optional<Instant> deadline, long filesTotal, long bytesTotal) {
    this.id = id;
    this.clock = clock;
    this.startedAt = startedAt;
    this.deadline = deadline;
    this.filesTotal = filesTotal;
    this.bytesTotal = bytesTotal;
  }

  Instant startedAt() {
    return startedAt;
  }

  void cancel() {
    cancelled = true;
  }

  /** Throws when the restore must stop now. */
  void checkStop() {
    if (cancelled) {
      throw new RestoreStopped(RestoreStatus.CANCELLED, "cancelled");
    }
    if (deadline.isPresent() && clock.instant().isAfter(deadline.get())) {
      throw new RestoreStopped(RestoreStatus.TIMED_OUT, "timed out at " + deadline.get());
    }
  }

  void working(String path) {
    current = path;
  }

  void fileDone() {
    filesDone++;
  }

  void landed(CopyCandidate copy, long bytes, long nanos) {
    filesRestored++;
    bytesDone += bytes;
    long[] u = usage.computeIfAbsent(copy.copyName(), k -> new long[3]);
    u[0]++;
    u[1] += bytes;
    u[2] += nanos;
    types.put(copy.copyName(), copy.targetType());
  }

  long bytesDone() {
    return bytesDone;
  }

  long filesDone() {
    return filesDone;
  }

  List<CopyUsage> usage() {
    List<CopyUsage> out = new ArrayList<>();
    usage.forEach((name, u) -> out.add(new CopyUsage(name, types.get(name), u[0], u[1], Duration.ofNanos(u[2]))));
    return out;
  }

  RestoreProgress progress(RestoreStatus status) {
    return new RestoreProgress(id, status, filesDone, filesTotal, bytesDone, bytesTotal,
        status == RestoreStatus.RUNNING ? Optional.ofNullable(current) : Optional.empty());
  }
}
