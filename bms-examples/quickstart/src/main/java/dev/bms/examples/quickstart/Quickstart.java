package dev.bms.examples.quickstart;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyVerification;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.RetentionPolicy;
import dev.bms.api.model.RuleResult;
import dev.bms.api.model.Schedule;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationLevel;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * bms on its embedded defaults, end to end: an H2 store under {@code ./bms-data}, one job backing up
 * a directory to two filesystem targets, one run, one checksum verification, the job's 3-2-1-1-0
 * compliance verdict with what would make it pass, the alerts bms raised and where they went, and
 * finally one file restored from the backup with its hash compared to the original.
 *
 * <pre>
 * java -jar bms-examples/quickstart/target/bms-quickstart.jar [directory-to-back-up]
 * </pre>
 *
 * Without an argument it creates a small sample directory {@code ./bms-quickstart/sample}. Run it
 * twice and the history shows two executions.
 */
public final class Quickstart {
  private static final String JOB_NAME = "quickstart-sample";

  public static void main(String[] args) throws IOException {
    Path workDir = Path.of("bms-quickstart").toAbsolutePath();
    Path source = args.length > 0 ? Path.of(args[0]).toAbsolutePath() : createSample(workDir.resolve("sample"));
    run(workDir, Path.of("bms-data").toAbsolutePath(), source, System.out);
  }

  /**
   * The whole walk-through: {@code workDir} holds the targets and the restored file, {@code dataDir}
   * the embedded database.
   *
   * @return true when the restored file's hash matched the original's
   */
  static boolean run(Path workDir, Path dataDir, Path source, PrintStream out) throws IOException {
    // The filesystem target writes only under existing roots (an unmounted share must fail, not fill /).
    Files.createDirectories(workDir.resolve("targets/primary"));
    Files.createDirectories(workDir.resolve("targets/secondary"));

    try (BackupManager bms = Bms.builder()
        .storage(JdbcStorage.embedded(dataDir))
        .build()) {
      bms.start();

      BackupJob definition = BackupJob.builder(JOB_NAME)
          .description("Quickstart: " + source)
          .label("example", "quickstart")
          .source("directory", Map.of("path", source.toString()))
          .schedule(Schedule.cron("0 2 * * *", ZoneId.of("Europe/Berlin")))
          .copy(CopySpec.target("filesystem", Map.of("root", workDir.resolve("targets/primary").toString(), "initialize", "true"))
              .named("primary"))
          // Both copies are folders on this machine's disk, and say so: declaring one a network share
          // (mediaType) would make a compliance digit pass without being true.
          .copy(CopySpec.target("filesystem", Map.of("root", workDir.resolve("targets/secondary").toString(),
                  "initialize", "true"))
              .named("secondary"))
          .retention(RetentionPolicy.gfs(7, 4, 12))
          .rpo(Duration.ofHours(26))
          .build();

      // Create the job on the first run, keep its definition current on later runs.
      JobId id = bms.jobs().findByName(JOB_NAME)
          .map(existing -> bms.jobs().update(existing.id(), existing.version(), definition).id())
          .orElseGet(() -> bms.jobs().create(definition));
      Job job = bms.jobs().require(id);

      Execution run = bms.executions().runNow(id);
      Verification check = bms.verifications().verify(run.id(), VerificationLevel.CHECKSUM);

      printSummary(out, job, source, run, check);
      JobCompliance compliance = bms.compliance().evaluate(id);
      printCompliance(out, compliance);
      List<Execution> history = bms.executions()
          .list(ExecutionFilter.forJob(id), PageRequest.first(100)).items();
      out.printf("%nHistory of '%s' (newest first, %d shown):%n", job.name(), history.size());
      for (Execution e : history) {
        out.printf("  %s  %-9s %,12d bytes  %4d files  %s%n", e.createdAt(), e.status(), e.bytes(), e.files(), e.id());
      }
      Explain.whatHappened(out, bms, job, run, dataDir, compliance);
      return RestoreOneFile.run(out, bms, job, run, source, workDir.resolve("restored"));
    }
  }

  private static void printSummary(PrintStream out, Job job, Path source, Execution run, Verification check) {
    out.println();
    out.println("bms quickstart");
    out.println("==============");
    out.printf("Job        %s (%s)%n", job.name(), job.id());
    out.printf("Source     %s%n", source);
    out.printf("Execution  %s%n", run.id());
    out.printf("Status     %s%n", run.status());
    out.printf("Bytes      %,d%n", run.bytes());
    out.printf("Files      %d%n", run.files());
    out.printf("Duration   %d ms%n", run.duration().toMillis());
    run.error().ifPresent(e -> out.printf("Error      %s%n", e));
    out.println("Copies (each a full copy of the source, with its manifest)");
    for (CopyResult c : run.copies()) {
      out.printf("  %-10s %-10s %-9s %,d bytes, %d files, %d ms%n", c.copyName(), c.targetType(), c.status(),
          c.bytes(), c.files(), c.duration().toMillis());
      c.manifestDigest().ifPresent(d -> out.printf("             manifest sha256 %s%n", d));
      c.location().ifPresent(l -> out.printf("             at %s%n", l));
      c.error().ifPresent(e -> out.printf("             error: %s%n", e));
    }
    out.printf("Verification (%s): %s%n", check.level(), check.passed() ? "PASSED" : "FAILED");
    for (CopyVerification v : check.copies()) {
      out.printf("  %-10s %s: %d files, %,d bytes re-read and re-hashed, %d problems%n", v.copyName(),
          v.passed() ? "verified manifest" : "FAILED", v.report().filesChecked(), v.report().bytesChecked(),
          v.report().problems().size());
      v.report().problems().forEach(p -> out.printf("             %s %s: %s%n", p.kind(), p.path(), p.detail()));
      v.error().ifPresent(e -> out.printf("             error: %s%n", e));
    }
  }

  /** The 3-2-1-1-0 verdict: two local copies on one host pass some digits and fail others. */
  private static void printCompliance(PrintStream out, JobCompliance compliance) {
    out.printf("3-2-1-1-0 compliance: %s%n", compliance.status());
    for (RuleResult r : compliance.results()) {
      out.printf("  %-14s %-7s %s%n", r.ruleId(), r.status(), r.reason());
    }
  }

  /** A few files in nested directories, created once. */
  private static Path createSample(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Files.createDirectories(dir.resolve("reports/2026"));
    Files.writeString(dir.resolve("README.txt"), "Sample data backed up by the bms quickstart.\n");
    Files.writeString(dir.resolve("reports/2026/payroll.csv"), "employee,amount\nada,100\ngrace,120\n");
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      big.append("line ").append(i).append(" of the ledger\n");
    }
    Files.write(dir.resolve("reports/ledger.log"), big.toString().getBytes(StandardCharsets.UTF_8));
    return dir;
  }
}
