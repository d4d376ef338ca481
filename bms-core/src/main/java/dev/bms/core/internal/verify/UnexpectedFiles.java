package dev.bms.core.internal.verify;

import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.IntegrityReport;
import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names the files a copy holds that its manifest lacks (a file smuggled into a copy after commit),
 * from what the target's {@code list()} reports, for every target whatever its own {@code verify}
 * does. Always against the full manifest: a sampled verification checks a slice of the content but
 * still sees every extra file.
 */
final class UnexpectedFiles {
  private UnexpectedFiles() {
  }

  /** {@code report} plus one UNEXPECTED problem per listed path not in {@code manifest} (and not reported yet). */
  static IntegrityReport add(IntegrityReport report, List<String> listed, Manifest manifest) {
    Set<String> expected = new HashSet<>();
    for (ManifestEntry e : manifest.entries()) {
      expected.add(e.path());
    }
    Set<String> reported = new HashSet<>();
    for (IntegrityProblem p : report.problems()) {
      if (p.kind() == IntegrityProblem.Kind.UNEXPECTED) {
        reported.add(p.path());
      }
    }
    List<IntegrityProblem> problems = new ArrayList<>(report.problems());
    // targets should list sorted; sort anyway so reports are stable
    for (String path : listed.stream().sorted().distinct().toList()) {
      if (!expected.contains(path) && !reported.contains(path)) {
        problems.add(new IntegrityProblem(path, IntegrityProblem.Kind.UNEXPECTED, "in the copy, not in the manifest"));
      }
    }
    return problems.size() == report.problems().size() ? report
        : new IntegrityReport(report.filesChecked(), report.bytesChecked(), problems);
  }
}
