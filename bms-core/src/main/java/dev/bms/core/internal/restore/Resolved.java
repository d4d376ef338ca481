package dev.bms.core.internal.restore;

import dev.bms.api.model.Execution;
import dev.bms.api.model.Job;
import dev.bms.api.model.ManifestEntry;
import dev.bms.api.restore.RestoreRequest;
import dev.bms.spi.RestoreSink;
import java.util.List;

/**
 * A restore request resolved against storage: the restore point, its selected files and the copies
 * to read them from, best first.
 */
record Resolved(RestoreRequest request, Job job, Execution point, List<ManifestEntry> selected,
                List<CopyCandidate> copies, RestoreSink sink) {

  long bytes() {
    long sum = 0;
    for (ManifestEntry e : selected) {
      sum += e.size();
    }
    return sum;
  }

  List<String> copyNames() {
    return copies.stream().map(CopyCandidate::copyName).toList();
  }
}
