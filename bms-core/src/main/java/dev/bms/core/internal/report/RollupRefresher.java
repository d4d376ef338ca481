package dev.bms.core.internal.report;

import dev.bms.core.internal.RequiredStores;
import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.BmsEventListener;
import dev.bms.api.event.ExecutionFinishedEvent;
import dev.bms.api.model.JobId;
import dev.bms.core.internal.BmsSettings;
import dev.bms.spi.storage.Rollup;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the execution rollups current: every execution that finishes on this instance (run, reported
 * or imported) marks its job's 15-minute slot; {@link #flush()} has storage recompute the marked
 * slots from the executions, every {@link #INTERVAL} on a thread of its own and before every report
 * that reads rollups (so this instance's reports never miss its own executions). On every instance,
 * scheduler or not: the instance that records an execution is the only one that knows of it.
 */
@Singleton
public final class RollupRefresher implements BmsEventListener {
  private static final Logger log = LoggerFactory.getLogger(RollupRefresher.class);
  static final Duration INTERVAL = Duration.ofSeconds(2);

  private final Storage storage;
  private final BmsSettings settings;
  private final Object lock = new Object();
  private Map<JobId, Set<Long>> marked = new HashMap<>();
  /**
   * Marks made, and marks whose slots are stored (a flush that took them succeeded): compared without
   * a lock by {@link #flushPending()}, so that a report read while nothing is pending neither writes
   * nor waits for the periodic flush.
   */
  private volatile long markedCount;
  private volatile long flushedCount;
  private ScheduledExecutorService timer;

  @Inject
  public RollupRefresher(Storage storage, BmsSettings settings) {
    this.storage = storage;
    this.settings = settings;
  }

  @Override
  public void onEvent(BmsEvent event) {
    if (event instanceof ExecutionFinishedEvent e) {
      long slot = Rollup.slotOf(e.execution().finishedAt().orElse(e.at()));
      synchronized (lock) {
        marked.computeIfAbsent(e.job().id(), k -> new HashSet<>()).add(slot);
        markedCount++;
      }
    }
  }

  /**
   * What a report calls before it reads rollups: when executions finished on this instance since the
   * last flush, their slots are recomputed first (so that this instance's reports never miss its own
   * executions); when none did (a dashboard's steady state) it returns at once, without a lock, a
   * statement or waiting for a flush under way on the timer's thread.
   */
  public void flushPending() {
    if (flushedCount != markedCount) {
      flush(); // waits for a flush under way, then stores what is left
    }
  }

  /** Recomputes the marked slots; marks whose refresh failed are kept for the next flush. */
  public synchronized void flush() {
    Map<JobId, Set<Long>> batch;
    long taken;
    synchronized (lock) {
      taken = markedCount;
      if (marked.isEmpty()) {
        flushedCount = taken;
        return;
      }
      batch = marked;
      marked = new HashMap<>();
    }
    try {
      RequiredStores.reports(storage).refreshRollups(batch);
      flushedCount = taken; // flushes are serial (this method is synchronized): never goes back
    } catch (RuntimeException e) {
      synchronized (lock) {
        batch.forEach((job, slots) -> marked.computeIfAbsent(job, k -> new HashSet<>()).addAll(slots));
      }
      throw e;
    }
  }

  /** Starts the periodic flush. */
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bms-" + settings.instanceId() + "-rollups");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        flush();
      } catch (RuntimeException e) {
        log.warn("Refreshing execution rollups failed; retried on the next flush", e);
      }
    }, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the periodic flush, after a last one. */
  public void stop() {
    ScheduledExecutorService t;
    synchronized (this) {
      t = timer;
      timer = null;
    }
    if (t != null) {
      t.shutdownNow();
      try {
        flush();
      } catch (RuntimeException e) {
        log.warn("The last refresh of execution rollups failed; rebuildRollups() restores them", e);
      }
    }
  }
}
