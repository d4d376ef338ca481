package dev.bms.examples.rest;

import dev.bms.api.BackupManager;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobOverview;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/stats?days=14}: what the dashboard charts, computed from bms's jobs and
 * executions: how many jobs are in each last-execution status, and the success rate per UTC day.
 * Listings are walked page by page with keyset cursors, up to a bound, so the cost stays known.
 */
final class StatsHandler {
  static final int MAX_JOBS = 10_000;
  static final int MAX_EXECUTIONS = 200_000;

  private final BackupManager bms;
  private final Clock clock;

  StatsHandler(BackupManager bms, Clock clock) {
    this.bms = bms;
    this.clock = clock;
  }

  /** Executions finished in one UTC day. */
  record DayStats(Instant day, long finished, long succeeded, long partial, long failed, Optional<Double> successRate) {
  }

  record Stats(Instant generatedAt, int jobs, Map<String, Integer> jobsByLastStatus, List<DayStats> successByDay,
               boolean truncated) {
  }

  void get(Context ctx) {
    int days = Params.integer(ctx, "days", 14, 1, 90);
    Instant now = clock.instant();
    boolean truncated = false;

    Map<String, Integer> byStatus = new LinkedHashMap<>();
    for (String s : List.of("SUCCEEDED", "PARTIAL", "FAILED", "RUNNING", "NEVER_RUN", "OTHER")) {
      byStatus.put(s, 0);
    }
    int jobs = 0;
    Optional<PageRequest> next = Optional.of(PageRequest.first(500));
    while (next.isPresent()) {
      Page<JobOverview> page = bms.jobs().overview(JobFilter.all(), next.get());
      for (JobOverview o : page.items()) {
        byStatus.merge(bucket(o.lastExecution().map(Execution::status)), 1, Integer::sum);
      }
      jobs += page.items().size();
      next = page.next(500);
      if (jobs >= MAX_JOBS && next.isPresent()) {
        truncated = true;
        break;
      }
    }

    Instant firstDay = now.truncatedTo(ChronoUnit.DAYS).minus(days - 1L, ChronoUnit.DAYS);
    long[][] counts = new long[days][4];
    ExecutionFilter filter = ExecutionFilter.all().createdBetween(firstDay, now.plusSeconds(1));
    next = Optional.of(PageRequest.first(1000));
    int seen = 0;
    while (next.isPresent()) {
      Page<Execution> page = bms.executions().list(filter, next.get());
      for (Execution e : page.items()) {
        if (!e.status().isTerminal()) {
          continue;
        }
        int day = (int) ChronoUnit.DAYS.between(firstDay, e.createdAt().truncatedTo(ChronoUnit.DAYS));
        if (day < 0 || day >= days) {
          continue;
        }
        counts[day][0]++;
        if (e.status() == ExecutionStatus.SUCCEEDED) {
          counts[day][1]++;
        } else if (e.status() == ExecutionStatus.PARTIAL) {
          counts[day][2]++;
        } else {
          counts[day][3]++;
        }
      }
      seen += page.items().size();
      next = page.next(1000);
      if (seen >= MAX_EXECUTIONS && next.isPresent()) {
        truncated = true;
        break;
      }
    }
    List<DayStats> series = new ArrayList<>(days);
    for (int d = 0; d < days; d++) {
      long[] c = counts[d];
      series.add(new DayStats(firstDay.plus(d, ChronoUnit.DAYS), c[0], c[1], c[2], c[3],
          c[0] == 0 ? Optional.empty() : Optional.of(Math.round(1000.0 * c[1] / c[0]) / 10.0)));
    }
    Json.respond(ctx, 200, new Stats(now, jobs, byStatus, series, truncated));
  }

  private static String bucket(Optional<ExecutionStatus> status) {
    if (status.isEmpty()) {
      return "NEVER_RUN";
    }
    return switch (status.get()) {
      case SUCCEEDED, PARTIAL, FAILED, RUNNING -> status.get().name();
      case PENDING -> "RUNNING";
      default -> "OTHER";
    };
  }
}
