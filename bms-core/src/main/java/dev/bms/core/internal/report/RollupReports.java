package dev.bms.core.internal.report;

import dev.bms.core.internal.RequiredStores;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.Severity;
import dev.bms.api.report.DashboardSummary;
import dev.bms.api.report.ReportBucket;
import dev.bms.api.report.SuccessRateReport;
import dev.bms.api.report.SuccessRateRow;
import dev.bms.core.internal.compliance.DefaultComplianceService;
import dev.bms.spi.storage.LastStatusCounts;
import dev.bms.spi.storage.Rollup;
import dev.bms.spi.storage.Storage;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The reports read from rollups and stored state: calendar-day success rates and the dashboard summary. */
final class RollupReports {
  private final Storage storage;
  private final RollupRefresher rollups;
  private final DefaultComplianceService compliance;

  RollupReports(Storage storage, RollupRefresher rollups, DefaultComplianceService compliance) {
    this.storage = storage;
    this.rollups = rollups;
    this.compliance = compliance;
  }

  SuccessRateReport successRate(LocalDate first, LocalDate last, ZoneId zone, ReportBucket bucket, double target,
                                Instant now) {
    Objects.requireNonNull(first, "firstDay");
    Objects.requireNonNull(last, "lastDay");
    Objects.requireNonNull(bucket, "bucket");
    if (zone == null) {
      throw new InvalidRequestException("zone: must not be null");
    }
    if (last.isBefore(first)) {
      throw new InvalidRequestException("lastDay: " + last + " is before firstDay: " + first);
    }
    long days = ChronoUnit.DAYS.between(first, last) + 1;
    if (days > DefaultReportService.MAX_BUCKETS) {
      throw new InvalidRequestException("lastDay: " + first + " to " + last + " spans " + days + " days, more than "
          + DefaultReportService.MAX_BUCKETS);
    }
    int per = bucket == ReportBucket.DAY ? 1 : 7;
    int buckets = (int) ((days + per - 1) / per);
    long[][] counts = new long[buckets][3];
    Instant from = first.atStartOfDay(zone).toInstant();
    Instant to = last.plusDays(1).atStartOfDay(zone).toInstant();
    // the zone's midnights bound the buckets: storage sums the slots of each, one row per bucket
    List<Instant> boundaries = new ArrayList<>(buckets + 1);
    for (int i = 0; i < buckets; i++) {
      boundaries.add(first.plusDays((long) i * per).atStartOfDay(zone).toInstant());
    }
    boundaries.add(to);
    rollups.flushPending();
    List<Rollup> sums = RequiredStores.reports(storage).rollupTotals(boundaries);
    for (int i = 0; i < buckets; i++) {
      add(counts[i], sums.get(i));
    }
    List<SuccessRateRow> rows = new ArrayList<>(buckets);
    long[] total = new long[3];
    for (int i = 0; i < buckets; i++) {
      LocalDate start = first.plusDays((long) i * per);
      LocalDate end = min(start.plusDays(per), last.plusDays(1));
      String label = per == 1 ? start.toString() : "Week of " + start;
      rows.add(row(label, start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant(), counts[i]));
      for (int k = 0; k < 3; k++) {
        total[k] += counts[i][k];
      }
    }
    return new SuccessRateReport(from, to, bucket, rows, row("Total", from, to, total), target, now);
  }

  /**
   * Four queries: last statuses, firing alerts, compliance counts, this week's rollups summed before
   * and since today; on one connection where the storage can ({@link dev.bms.spi.storage.TransactionScope#reading}).
   */
  DashboardSummary summary(ZoneId zone, Instant now) {
    if (zone == null) {
      throw new InvalidRequestException("zone: must not be null");
    }
    rollups.flushPending();
    return storage.transactions().isPresent()
        ? storage.transactions().get().reading(() -> read(zone, now))
        : read(zone, now);
  }

  private DashboardSummary read(ZoneId zone, Instant now) {
    LastStatusCounts last = RequiredStores.reports(storage).jobsByLastStatus();
    Map<Severity, Long> firing = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      firing.put(s, 0L);
    }
    firing.putAll(RequiredStores.reports(storage).firingAlertsBySeverity());
    var counts = compliance.counts();
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    Instant weekStart = monday.atStartOfDay(zone).toInstant();
    Instant todayStart = today.atStartOfDay(zone).toInstant();
    Instant tomorrow = today.plusDays(1).atStartOfDay(zone).toInstant();
    long[] week = new long[3];
    long[] day = new long[3];
    List<Rollup> sums = RequiredStores.reports(storage).rollupTotals(List.of(weekStart, todayStart, tomorrow));
    add(week, sums.get(0));
    add(week, sums.get(1));
    add(day, sums.get(1));
    Map<ExecutionStatus, Long> byStatus = new EnumMap<>(ExecutionStatus.class);
    byStatus.putAll(last.byStatus());
    return new DashboardSummary(last.jobs(), byStatus, firing, counts, row("Today", todayStart, tomorrow, day),
        row("This week", weekStart, tomorrow, week), zone, now);
  }

  /** Cancelled executions are neither success nor failure. */
  private static void add(long[] c, Rollup r) {
    c[0] += r.succeeded();
    c[1] += r.partial();
    c[2] += r.failed();
  }

  private static SuccessRateRow row(String label, Instant from, Instant to, long[] c) {
    return new SuccessRateRow(label, from, to, c[0] + c[1] + c[2], c[0], c[1], c[2]);
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
