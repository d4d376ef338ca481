package dev.bms.examples.rest;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CompliancePolicy;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.api.model.Schedule;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.ReportedRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds an empty store with a sample estate and {@code days} of history, so the API and the
 * dashboard have something to show:
 *
 * <ul>
 *   <li>three <b>managed</b> jobs backing up small sample directories to filesystem targets, each
 *       run once a day through {@code runNow} (real copies with SHA-256 manifests). On some days a
 *       target directory is moved away for the run, as an unmounted share would be, so the copy
 *       really fails and the execution is PARTIAL or FAILED;</li>
 *   <li>three <b>reported</b> jobs whose backups "another tool" ran, recorded through
 *       {@code begin}/{@code complete}/{@code fail}, one of them failing for the last three days;</li>
 *   <li>one disabled job and one that never ran.</li>
 * </ul>
 *
 * The past is replayed through the {@link HistoryClock}; the newest managed execution of each job
 * is verified (checksum) at the end.
 *
 * <p>The estate is chosen so that 3-2-1-1-0 compliance differs per job: payroll-files passes every
 * digit (three copies on two media in two failure domains, one offsite with a 30-day lock, verified;
 * its failing days are never the newest two, and its own policy also requires distinct failure
 * domains), crm-exports and postgres-main have two copies, wiki and mail-archive one, the reported
 * jobs are never verified (unknown zero digit), erp-database's restore point is stale, and the two
 * jobs that never ran have no facts at all.
 *
 * <p>Anomaly findings come from bms's own detector, not from the seed: erp-database's last successful
 * dump (four days ago) reported zero bytes and files, an empty success that stays open because every
 * run since failed; postgres-main's newest dump is 25 times its usual size, found once the history is
 * ten days or longer.
 */
final class SampleData {
  private static final Logger log = LoggerFactory.getLogger(SampleData.class);
  static final List<String> JOB_NAMES = List.of("payroll-files", "crm-exports", "wiki", "postgres-main",
      "mail-archive", "erp-database", "laptop-fleet", "legacy-ftp");

  private final BackupManager bms;
  private final HistoryClock clock;
  private final Path samples;
  private final Path targets;

  SampleData(BackupManager bms, HistoryClock clock, Path dataDir) {
    this.bms = bms;
    this.clock = clock;
    this.samples = dataDir.resolve("samples");
    this.targets = dataDir.resolve("targets");
  }

  /** One thing that happened in the sample past. */
  private record Event(Instant at, String job, Runnable action) {
  }

  /**
   * Seeds when the store has no jobs yet.
   *
   * @return true when it seeded
   */
  boolean seedIfEmpty(int days) {
    if (days == 0 || !bms.jobs().list(JobFilter.all(), PageRequest.first(1)).items().isEmpty()) {
      return false;
    }
    long started = System.nanoTime();
    createDirectories();
    Instant now = Instant.now();
    Instant firstDay = now.truncatedTo(ChronoUnit.DAYS).minus(days, ChronoUnit.DAYS);
    Map<String, JobId> ids = new LinkedHashMap<>();
    try {
      clock.travelTo(firstDay.minus(1, ChronoUnit.HOURS));
      // Created disabled so that no scheduler fires them while the past is replayed; enabled below.
      jobs().forEach((name, job) -> ids.put(name, bms.jobs().create(job.toBuilder().enabled(false).build())));
      // The gold-tier payroll job is held to the stricter reading of "2 media": in distinct failure domains too.
      bms.compliance().setPolicy(ids.get("payroll-files"), CompliancePolicy.defaults().withDistinctFailureDomains(true));

      List<Event> events = new ArrayList<>();
      for (int d = 0; d <= days; d++) { // up to today; events still in the future are skipped
        Instant day = firstDay.plus(d, ChronoUnit.DAYS);
        int dayFromEnd = days - d;
        int dd = d;
        events.add(new Event(day.plus(Duration.ofMinutes(60)), "payroll-files",
            () -> runManaged(ids.get("payroll-files"), dayFromEnd % 5 == 3 ? "nas" : null)));
        events.add(new Event(day.plus(Duration.ofMinutes(90)), "crm-exports",
            () -> runManaged(ids.get("crm-exports"), dd % 6 == 2 ? "offsite" : null)));
        events.add(new Event(day.plus(Duration.ofMinutes(120)), "wiki",
            () -> runManaged(ids.get("wiki"), dd % 7 == 4 ? "local" : null)));
        events.add(new Event(day.plus(Duration.ofMinutes(150)), "postgres-main",
            () -> report(ids.get("postgres-main"), dd % 4 == 1 ? List.of("dump-offsite") : List.of(), null,
                dayFromEnd == 0 ? 25 : 1)));
        events.add(new Event(day.plus(Duration.ofHours(6)), "mail-archive",
            () -> report(ids.get("mail-archive"), List.of(), null)));
        events.add(new Event(day.plus(Duration.ofHours(18)), "mail-archive",
            () -> report(ids.get("mail-archive"), List.of(), dd % 3 == 0 ? "appliance: tape library offline" : null)));
        events.add(new Event(day.plus(Duration.ofMinutes(200)), "erp-database",
            () -> report(ids.get("erp-database"), List.of(),
                dayFromEnd <= 3 ? "pg_dump: could not connect to server: Connection refused" : null,
                dayFromEnd == 4 ? 0 : 1)));
      }
      events.stream().filter(e -> e.at().isBefore(now)).sorted(Comparator.comparing(Event::at)).forEach(e -> {
        clock.travelTo(e.at());
        e.action().run();
      });
    } finally {
      clock.backToNow();
    }
    jobs().forEach((name, job) -> {
      if (job.enabled()) {
        bms.jobs().enable(ids.get(name));
      }
    });
    for (String name : List.of("payroll-files", "crm-exports", "wiki")) {
      bms.executions().list(dev.bms.api.model.ExecutionFilter.forJob(ids.get(name)), PageRequest.first(1)).items()
          .stream().filter(e -> e.status().producedRestorePoint())
          .findFirst().ifPresent(e -> bms.verifications().verify(e.id(), VerificationLevel.CHECKSUM));
    }
    // The dashboard reads stored verdicts (a read never evaluates): judge the seeded estate once now
    // rather than leave the first page views to the background sweep.
    bms.compliance().evaluateAll();
    log.info("Seeded {} sample jobs with {} days of history in {} ms", ids.size(), days,
        (System.nanoTime() - started) / 1_000_000);
    return true;
  }

  private Map<String, BackupJob> jobs() {
    Map<String, BackupJob> jobs = new LinkedHashMap<>();
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    jobs.put("payroll-files", BackupJob.builder("payroll-files")
        .description("Payroll exports, kept for audits")
        .label("team", "payroll").label("tier", "gold")
        .source("directory", Map.of("path", samples.resolve("payroll").toString()))
        .schedule(Schedule.cron("0 2 * * *", berlin))
        .copy(fs("local", "LOCAL_DISK", false, 0))
        .copy(fs("nas", "NETWORK_SHARE", false, 0))
        .copy(fs("offsite", "NETWORK_SHARE", true, 30).asOffsite())
        .retention(RetentionPolicy.gfs(7, 4, 12))
        .rpo(Duration.ofHours(26))
        .build());
    jobs.put("crm-exports", BackupJob.builder("crm-exports")
        .description("Nightly CRM CSV exports")
        .label("team", "sales").label("tier", "silver")
        .source("directory", Map.of("path", samples.resolve("crm").toString()))
        .schedule(Schedule.cron("30 2 * * *", berlin))
        .copy(fs("local", "LOCAL_DISK", false, 0))
        .copy(fs("offsite", "NETWORK_SHARE", true, 0).asOffsite())
        .retention(RetentionPolicy.keepLast(30))
        .rpo(Duration.ofHours(26))
        .build());
    jobs.put("wiki", BackupJob.builder("wiki")
        .description("Team wiki pages")
        .label("team", "it").label("tier", "bronze")
        .source("directory", Map.of("path", samples.resolve("wiki").toString()))
        .schedule(Schedule.cron("0 3 * * *", berlin))
        .copy(fs("local", "LOCAL_DISK", false, 0))
        .retention(RetentionPolicy.keepLast(14))
        .rpo(Duration.ofHours(26))
        .build());
    jobs.put("postgres-main", BackupJob.builder("postgres-main")
        .description("pg_dump of the main database, run by cron and reported to bms")
        .label("team", "platform").label("tier", "gold")
        .schedule(Schedule.cron("30 3 * * *", berlin))
        .copy(fs("local", "LOCAL_DISK", false, 0).named("dump-local"))
        .copy(fs("offsite", "NETWORK_SHARE", true, 0).named("dump-offsite").asOffsite())
        .rpo(Duration.ofHours(26))
        .build());
    jobs.put("mail-archive", BackupJob.builder("mail-archive")
        .description("Mail archive appliance, twice a day")
        .label("team", "it").label("tier", "silver")
        .schedule(Schedule.interval(Duration.ofHours(12)))
        .copy(fs("nas", "NETWORK_SHARE", false, 0).named("appliance"))
        .rpo(Duration.ofHours(13))
        .build());
    jobs.put("erp-database", BackupJob.builder("erp-database")
        .description("ERP database dump, reported by the ERP's own scheduler")
        .label("team", "finance").label("tier", "gold")
        .schedule(Schedule.cron("20 3 * * *", berlin))
        .copy(fs("local", "LOCAL_DISK", false, 0).named("dump-local"))
        .copy(fs("offsite", "NETWORK_SHARE", true, 0).named("dump-offsite").asOffsite())
        .rpo(Duration.ofHours(26))
        .build());
    jobs.put("laptop-fleet", BackupJob.builder("laptop-fleet")
        .description("Retired: laptops now sync to the cloud")
        .label("team", "it").label("tier", "bronze")
        .copy(fs("nas", "NETWORK_SHARE", false, 0))
        .enabled(false)
        .build());
    jobs.put("legacy-ftp", BackupJob.builder("legacy-ftp")
        .description("Legacy FTP drop box; backed up on request only")
        .label("team", "platform").label("tier", "bronze")
        .copy(fs("nas", "NETWORK_SHARE", false, 0))
        .build());
    return jobs;
  }

  /** A filesystem copy under the sample target directory {@code name}. */
  private CopySpec fs(String name, String mediaType, boolean offsite, int immutableDays) {
    return filesystemCopy(targets, name, mediaType, offsite, immutableDays);
  }

  /** A filesystem copy under {@code targets/name}. */
  static CopySpec filesystemCopy(Path targets, String name, String mediaType, boolean offsite, int immutableDays) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("root", targets.resolve(name).toString());
    config.put("initialize", "true"); // a new target: writes its .bms-target marker on first use
    config.put("mediaType", mediaType);
    config.put("failureDomain", offsite ? "site:dr-campus" : "site:main");
    config.put("offsite", Boolean.toString(offsite));
    // Sample data need not survive a power cut; skipping fsync keeps seeding fast.
    config.put("fsync", "false");
    if (immutableDays > 0) {
      config.put("immutableDays", Integer.toString(immutableDays));
    }
    return CopySpec.target("filesystem", config).named(name);
  }

  /** Runs a managed job; {@code unavailable} names a target directory moved away for this run. */
  private void runManaged(JobId id, String unavailable) {
    Path root = unavailable == null ? null : targets.resolve(unavailable);
    Path moved = unavailable == null ? null : targets.resolve(unavailable + ".unmounted");
    try {
      if (root != null) {
        Files.move(root, moved);
      }
      touchSamples();
      bms.executions().runNow(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (root != null) {
        try {
          Files.move(moved, root);
        } catch (IOException e) {
          log.error("Could not move sample target {} back", moved, e);
        }
      }
    }
  }

  /** Reports a backup another tool ran: {@code failedCopies} failed; {@code error} fails it whole. */
  private void report(JobId id, List<String> failedCopies, String error) {
    report(id, failedCopies, error, 1);
  }

  /**
   * Like {@link #report(JobId, List, String)}, writing {@code scale} times the usual bytes: 0 reports a
   * "success" without data (an empty-success finding), 25 a dump far larger than usual (a size finding,
   * once the job has 10 runs of history).
   */
  private void report(JobId id, List<String> failedCopies, String error, int scale) {
    ReportedRun running = bms.executions().begin(id);
    if (error != null) {
      bms.executions().fail(running.id(), running.token(), error);
      return;
    }
    List<CopyResult> results = new ArrayList<>();
    for (var copy : bms.jobs().require(id).definition().copies()) {
      long bytes = scale * (50_000_000L + Math.floorMod(running.id().hashCode(), 10_000_000));
      results.add(failedCopies.contains(copy.name())
          ? CopyResult.failed(copy.name(), "upload timed out")
          : CopyResult.succeeded(copy.name(), bytes, scale == 0 ? 0 : 1, Duration.ofSeconds(40 + bytes % 30),
              sha256(running.id() + copy.name())));
    }
    bms.executions().complete(running.id(), running.token(), results);
  }

  /** Changes one sample file per run, as live data would. */
  private void touchSamples() throws IOException {
    Files.writeString(samples.resolve("payroll/changes.log"), clock.instant() + " payroll run\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }

  private void createDirectories() {
    try {
      for (String t : List.of("local", "nas", "offsite")) {
        Files.createDirectories(targets.resolve(t));
      }
      write("payroll/2026/january.csv", "employee,amount\nada,4100\ngrace,4200\n");
      write("payroll/2026/february.csv", "employee,amount\nada,4100\ngrace,4250\nalan,3900\n");
      write("payroll/changes.log", "");
      write("crm/accounts.csv", "id,name\n1,Acme\n2,Globex\n3,Initech\n");
      write("crm/contacts.csv", "id,account,email\n1,1,wile@acme.example\n2,2,hank@globex.example\n");
      StringBuilder page = new StringBuilder();
      for (int i = 0; i < 2_000; i++) {
        page.append("Line ").append(i).append(" of the runbook.\n");
      }
      write("wiki/runbook.md", page.toString());
      write("wiki/index.md", "# Team wiki\n\nSee the runbook.\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sample directories under " + samples, e);
    }
  }

  private void write(String relative, String content) throws IOException {
    Path file = samples.resolve(relative);
    Files.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
