package dev.bms.core.internal.engine;

import dev.bms.api.LeaseLostException;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.core.internal.execution.ExecutionStoppedException;
import dev.bms.core.internal.execution.RunControl;
import dev.bms.core.internal.execution.StorageFaults;
import dev.bms.spi.storage.ClaimedExecution;
import dev.bms.spi.storage.SchedulerStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution this instance runs (claimed from the queue, or started by {@code runNow}): its
 * lease renewal (on every progress step at most once per heartbeat interval of real time, since
 * leases live on the database clock), its deadline (the job's timeout, on the injected clock), and
 * stop requests (cancel, timeout, shutdown), which the worker notices at its next progress step; a
 * worker that does not notice within the stop grace is interrupted.
 *
 * <p>A renewal that fails because storage is unreachable does not stop the run: the lease is
 * presumed held until it would have expired ({@link #leaseMayHold()}), and the next renewal that
 * reaches storage says whether it still is.
 */
final class RunningExecution implements RunControl {
  private static final Logger log = LoggerFactory.getLogger(RunningExecution.class);

  private final ClaimedExecution claimed;
  private final SchedulerStore store;
  private final Clock clock;
  private final long heartbeatNanos;
  private final Duration lease;
  private final Optional<Instant> deadline;
  private final AtomicReference<StopRequest> stop = new AtomicReference<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long stopRequestedNanos;
  private volatile Thread worker;
  private volatile boolean interruptedByWatchdog;
  private long lastBeat = System.nanoTime();
  /** When the lease expires unless renewed, as far as this instance knows (monotonic clock). */
  private volatile long leaseEndNanos;
  private boolean renewalFailing;

  RunningExecution(ClaimedExecution claimed, SchedulerStore store, Clock clock, Duration heartbeat, Duration lease,
                   Optional<Duration> timeout) {
    this.claimed = claimed;
    this.store = store;
    this.clock = clock;
    this.heartbeatNanos = heartbeat.toNanos();
    this.lease = lease;
    this.leaseEndNanos = System.nanoTime() + lease.toNanos();
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

  /** Unbinds the worker; returns whether the watchdog interrupted it (so the interrupt was ours to clear). */
  boolean unbindWorker() {
    this.worker = null;
    return interruptedByWatchdog;
  }

  /** Marks the run ended on its thread: recorded, or given up. */
  void markDone() {
    done.countDown();
  }

  boolean awaitDone(long nanos) throws InterruptedException {
    return done.await(nanos, TimeUnit.NANOSECONDS);
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
      interruptedByWatchdog = true;
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
      renew(running, bytesDone, now);
    }
  }

  private void renew(Execution running, long bytesDone, long startedNanos) {
    boolean renewed;
    try {
      renewed = store.renewLease(running.id(), running.version(), bytesDone,
          clock.instant().truncatedTo(ChronoUnit.MICROS), lease);
    } catch (RuntimeException e) {
      if (!StorageFaults.isUnavailable(e)) {
        throw e;
      }
      if (!renewalFailing) {
        renewalFailing = true;
        log.warn("Heartbeat of execution {} failed: storage unavailable ({}); the run goes on, its lease is presumed"
            + " held for {} more", running.id(), e.getMessage(),
            Duration.ofNanos(Math.max(0, leaseEndNanos - System.nanoTime())));
      }
      return;
    }
    if (!renewed) {
      throw new LeaseLostException("heartbeat of execution " + running.id() + " refused: version "
          + running.version() + " is stale (another instance took it over)");
    }
    if (renewalFailing) {
      renewalFailing = false;
      log.info("Heartbeat of execution {} reached storage again; lease renewed", running.id());
    }
    leaseEndNanos = startedNanos + lease.toNanos();
  }

  @Override
  public boolean leaseMayHold() {
    return System.nanoTime() - leaseEndNanos < 0;
  }

  @Override
  public Optional<StopRequest> stopRequest() {
    return Optional.ofNullable(stop.get());
  }
}
