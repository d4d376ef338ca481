package dev.bms.examples.quickstart;

import dev.bms.api.BackupManager;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.ComplianceStatus;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.JobCompliance;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.RuleResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Tells a newcomer what just happened: where the data went, why compliance says what it says, where alerts went. */
final class Explain {
  /** What would make each 3-2-1-1-0 digit pass, for a newcomer. */
  private static final Map<String, String> TO_PASS = Map.of(
      "3-copies", "keep three copies: add a third CopySpec (another disk, a NAS, an S3 bucket with bms-plugin-s3)",
      "2-media", "put a copy on a second kind of medium: both copies here are folders on one local disk; a real"
          + " network share, an SFTP server (bms-plugin-sftp) or object storage (bms-plugin-s3) is another medium",
      "1-offsite", "keep one copy away from this site (S3 in another region, an SFTP server elsewhere) and mark"
          + " that copy .asOffsite() - only if it really is elsewhere",
      "1-immutable", "make one copy immutable, e.g. an S3 bucket with Object Lock that bms reads back, or an"
          + " offline (air-gapped) target",
      "0-errors", "verify the restore point (bms.verifications().verify) and keep verifications passing;"
          + " a restore test (VerificationLevel.RESTORE_TEST) proves the copy can be restored");

  private Explain() {
  }

  static void whatHappened(PrintStream out, BackupManager bms, Job job, Execution run, Path dataDir,
                           JobCompliance compliance) {
    out.println();
    out.println("What just happened");
    out.println("------------------");
    out.printf("- bms's own records (the job, every execution, the catalog of every file with its SHA-256,%n"
        + "  verifications, alerts) are in the embedded H2 database %s.mv.db.%n"
        + "  Delete that file and bms forgets everything; the copies stay where they are.%n",
        dataDir.resolve("db"));
    out.println("- The backed-up data itself is in the copies, one folder per execution and copy:");
    for (CopyResult c : run.copies()) {
      out.printf("    %-10s %s%n", c.copyName(), c.location().orElse("(not written: " + c.error().orElse("?") + ")"));
    }
    out.println("  Each holds the files under data/ and a manifest bms compares them with when it verifies.");
    out.printf("- 3-2-1-1-0 compliance is %s:%n", compliance.status());
    for (RuleResult r : compliance.results()) {
      if (r.status() != ComplianceStatus.PASS) {
        out.printf("    %-12s %s: %s%n", r.ruleId(), r.status(), r.reason());
        out.printf("    %-12s to pass: %s%n", "", TO_PASS.getOrDefault(r.ruleId(), "see docs/compliance.md"));
      }
    }
    out.println("  Two folders on one disk protect against deleting a file, not against losing the disk or the site.");
    List<Alert> alerts = bms.alerts().list(AlertFilter.forJob(job.id()), PageRequest.first(20)).items();
    out.printf("- Alerts: bms raised %d for this job. They are stored in the database (bms.alerts().list)%n"
        + "  and logged as WARN lines above; no notifier (e-mail, webhook) is configured here, so nobody%n"
        + "  was sent anything. docs/alerting.md and docs/notifiers.md show how to route them.%n", alerts.size());
    for (Alert a : alerts) {
      out.printf("    [%s] %s (%s)%n", a.severity(), a.title(), a.state());
    }
  }
}
