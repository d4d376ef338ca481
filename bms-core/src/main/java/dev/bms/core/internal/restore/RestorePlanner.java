package dev.bms.core.internal.restore;

import dev.bms.api.model.ManifestEntry;
import dev.bms.api.restore.PlannedFile;
import dev.bms.api.restore.PlannedFile.Action;
import dev.bms.api.restore.RestorePlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The dry run of a resolved request: what would happen to each file, from which copy. Writes nothing. */
final class RestorePlanner {
  private RestorePlanner() {
  }

  static RestorePlan plan(Resolved r) {
    String first = r.copies().get(0).copyName();
    List<PlannedFile> files = new ArrayList<>(r.selected().size());
    for (ManifestEntry e : r.selected()) {
      files.add(planOne(r, e, first));
    }
    return new RestorePlan(r.job().id(), r.point().id(), r.point().createdAt(), r.copyNames(), files);
  }

  private static PlannedFile planOne(Resolved r, ManifestEntry e, String copy) {
    Optional<String> escape = RestorePaths.problem(e.path());
    if (escape.isPresent()) {
      return file(e, copy, e.path(), Action.REFUSE, Optional.of("path escapes the destination: " + escape.get()));
    }
    try {
      if (r.sink() instanceof DirectorySink dir) {
        dir.checkWay(e.path());
      }
      if (!r.sink().exists(e.path())) {
        return file(e, copy, e.path(), Action.WRITE, Optional.empty());
      }
      return switch (r.request().conflictPolicy()) {
        case FAIL -> file(e, copy, e.path(), Action.CONFLICT, Optional.of("exists at the destination"));
        case SKIP -> file(e, copy, e.path(), Action.SKIP, Optional.of("exists at the destination"));
        case OVERWRITE -> file(e, copy, e.path(), Action.OVERWRITE, Optional.of("exists at the destination"));
        case KEEP_BOTH -> file(e, copy, RestoreRunner.freeName(r, e.path()), Action.KEEP_BOTH,
            Optional.of("exists at the destination"));
      };
    } catch (DestinationSymlinkException link) {
      return file(e, copy, e.path(), Action.REFUSE, Optional.of(link.getMessage()));
    } catch (IOException io) {
      return file(e, copy, e.path(), Action.REFUSE, Optional.of("cannot inspect the destination: " + io.getMessage()));
    }
  }

  private static PlannedFile file(ManifestEntry e, String copy, String landsAs, Action action, Optional<String> reason) {
    return new PlannedFile(e.path(), e.size(), e.sha256(), copy, landsAs, action, reason);
  }
}
