package dev.bms.core.internal.engine;

import dev.bms.api.LeaseLostException;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.core.internal.execution.ExecutionStoppedException;
import dev.bms.core.internal.execution.RunControl;
import dev.bms.spi.storage.ClaimedExecution;
import dev.bms.spi.storage.SchedulerStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One execution this instance claimed and runs: its lease renewal (on every progress step at most
 * once per heartbeat interval of real time, since leases live on the database clock), its deadline
 * (the job's timeout, on the injected clock), and stop requests (cancel, timeout, shutdown), which
 * the worker notices at its next progress step; a worker that does not notice within the stop
 * grace is interrupted.
 */
final class RunningExecution implements RunControl {
  private final ClaimedExecution claimed;
  private final SchedulerStore store;
  private final Clock clock;
  private final long heartbeatNanos;
  private final Duration lease;
  private final Optional<Instant> deadline;
  private final AtomicReference<StopRequest> stop = new AtomicReference<>();
  private volatile long stopRequestedNanos;
  private volatile Thread worker;
  private long lastBeat = System.nanoTime();

  RunningExecution(ClaimedExecution claimed, SchedulerStore store, Clock clock, Duration heartbeat, Duration lease,
                   Optional<Duration> timeout) {
    this.claimed = claimed;
    this.store = store;
    this.clock = clock;
    this.heartbeatNanos = heartbeat.toNanos();
    this.lease = lease;
    Instant started = claimed.execution().startedAt().orElse(claimed.execution().createdAt());
    this.deadline = timeout.map(started::plus);
  }

  ClaimedExecution claimed() {
    return claimed;
  }

  Execution execution() {
    return claimed.execution();
  }

  Optional<Instant> deadline() {
    return deadline;
  }

  void bindWorker(Thread thread) {
    this.worker = thread;
  }

  void unbindWorker() {
    this.worker = null;
  }

  /** Asks the run to stop; the first request wins. */
  void requestStop(ExecutionStatus status, String reason) {
    if (stop.compareAndSet(null, new StopRequest(status, reason))) {
      stopRequestedNanos = System.nanoTime();
    }
  }

  /** Interrupts the worker if a stop was requested longer than {@code grace} ago and it still runs. */
  void interruptIfIgnored(Duration grace) {
    Thread t = worker;
    if (t != null && stop.get() != null && System.nanoTime() - stopRequestedNanos >= grace.toNanos()) {
      t.interrupt();
    }
  }

  @Override
  public void onProgress(Execution running, long bytesDone) {
    StopRequest s = stop.get();
    if (s != null) {
      throw new ExecutionStoppedException(s.reason());
    }
    long now = System.nanoTime();
    if (now - lastBeat >= heartbeatNanos) {
      lastBeat = now;
      if (!store.renewLease(running.id(), running.version(), bytesDone, clock.instant().truncatedTo(ChronoUnit.MICROS),
          lease)) {
        throw new LeaseLostException("heartbeat of execution " + running.id() + " refused: version "
            + running.version() + " is stale (another instance took it over)");
      }
    }
  }

  @Override
  public Optional<StopRequest> stopRequest() {
    return Optional.ofNullable(stop.get());
  }
}
