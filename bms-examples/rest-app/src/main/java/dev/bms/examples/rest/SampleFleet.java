package dev.bms.examples.rest;

import dev.bms.api.BackupManager;
import dev.bms.api.ExecutionService;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.JobId;
import dev.bms.api.model.ReportedExecution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds a fleet of {@code --sample-jobs} generated jobs beside the sample estate, so the app can be
 * tried at the size of a real one: each job ({@code fleet-00001}...) has three copies (local disk,
 * NAS, offsite with a 14-day lock on every third job) and a 26-hour RPO, and one backup a day for
 * {@code --seed-days} days, reported by "another tool" and imported with
 * {@code executions().record} in batches. About 92 % of the days succeed, 5 % lose the offsite copy
 * (PARTIAL) and 3 % fail; one job in 50 has failed for the last three days. The history is the same
 * on every run (a fixed random seed per job), and the estate is judged once at the end.
 */
final class SampleFleet {
  private static final Logger log = LoggerFactory.getLogger(SampleFleet.class);
  private static final int BATCH = ExecutionService.MAX_RECORD_BATCH;

  private final BackupManager bms;
  private final Clock clock;
  private final Path targets;

  SampleFleet(BackupManager bms, Clock clock, Path dataDir) {
    this.bms = bms;
    this.clock = clock;
    this.targets = dataDir.resolve("targets");
  }

  void seed(int jobs, int days) {
    long started = System.nanoTime();
    try {
      for (String t : List.of("local", "nas", "offsite")) {
        Files.createDirectories(targets.resolve(t));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sample targets under " + targets, e);
    }
    List<JobId> ids = new ArrayList<>(jobs);
    // created disabled so that the RPO monitor does not judge a job whose history is still being imported
    // (it raised and resolved one breach per job while seeding); enabled once its history is in
    for (int j = 0; j < jobs; j++) {
      ids.add(bms.jobs().create(job(j).toBuilder().enabled(false).build()));
    }
    Instant now = clock.instant();
    Instant firstDay = now.truncatedTo(ChronoUnit.DAYS).minus(days, ChronoUnit.DAYS);
    List<ReportedExecution> batch = new ArrayList<>(BATCH);
    long recorded = 0;
    for (int d = 0; d <= days; d++) { // day by day, so that each job's history arrives in order
      for (int j = 0; j < jobs; j++) {
        SplittableRandom random = new SplittableRandom(31L * j + d);
        Instant start = firstDay.plus(d, ChronoUnit.DAYS).plus(j % 1440, ChronoUnit.MINUTES);
        Instant end = start.plus(Duration.ofMinutes(5 + random.nextInt(35)));
        if (end.isAfter(now)) {
          continue;
        }
        batch.add(new ReportedExecution(ids.get(j), start, end, copies(j, days - d, random)));
        if (batch.size() == BATCH) {
          recorded += record(batch);
        }
      }
    }
    recorded += record(batch);
    ids.forEach(bms.jobs()::enable);
    bms.compliance().evaluateAll();
    log.info("Seeded a fleet of {} jobs with {} reported executions over {} days in {} ms", jobs, recorded, days,
        (System.nanoTime() - started) / 1_000_000);
  }

  private long record(List<ReportedExecution> batch) {
    int n = batch.size();
    if (n > 0) {
      bms.executions().record(List.copyOf(batch));
      batch.clear();
    }
    return n;
  }

  private BackupJob job(int j) {
    return BackupJob.builder(String.format("fleet-%05d", j + 1))
        .description("Generated fleet job " + (j + 1))
        .label("team", "team-" + (j % 20)).label("tier", j % 3 == 0 ? "gold" : "silver")
        .copy(copy("local", "LOCAL_DISK", false, 0))
        .copy(copy("nas", "NETWORK_SHARE", false, 0))
        .copy(copy("offsite", "NETWORK_SHARE", true, j % 3 == 0 ? 14 : 0).asOffsite())
        .rpo(Duration.ofHours(26))
        .build();
  }

  private CopySpec copy(String name, String mediaType, boolean offsite, int immutableDays) {
    return SampleData.filesystemCopy(targets, name, mediaType, offsite, immutableDays);
  }

  /** The copies' results of job {@code j}'s run {@code dayFromEnd} days before today. */
  private static List<CopyResult> copies(int j, int dayFromEnd, SplittableRandom random) {
    int roll = random.nextInt(100);
    boolean failed = roll < 3 || (j % 50 == 7 && dayFromEnd < 3);
    boolean partial = !failed && roll < 8;
    long bytes = 200_000_000L + random.nextLong(50_000_000L) + 1_000_000L * (j % 100);
    List<CopyResult> out = new ArrayList<>(3);
    for (String copy : List.of("local", "nas", "offsite")) {
      if (failed || (partial && copy.equals("offsite"))) {
        out.add(CopyResult.failed(copy, failed ? "source unreachable" : "upload timed out"));
      } else {
        out.add(CopyResult.succeeded(copy, bytes, 1_000 + j % 5_000, Duration.ofSeconds(60 + bytes % 600),
            SampleData.sha256(j + "/" + dayFromEnd + "/" + copy)));
      }
    }
    return out;
  }
}
