package dev.bms.core.internal;

import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.Inputs;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.PageRequest;
import dev.bms.api.restore.RestorePointRef;
import dev.bms.api.restore.RestoreRequest;
import java.time.Instant;
import java.util.Map;

/**
 * Checks of the arguments that are values holding text or instants on their way to a query (a
 * filter's labels and prefixes, a page cursor, a restore request): the same bounds as
 * {@link Inputs}, each refusal an {@code InvalidRequestException} naming {@code name.field}.
 */
public final class Arguments {
  private Arguments() {
  }

  public static JobFilter filter(String name, JobFilter f) {
    Inputs.requireArgument(name, f);
    labels(name + ".labels", f.labels());
    f.namePrefix().ifPresent(p -> Inputs.requireLine(name + ".namePrefix", p, Inputs.MAX_NAME_LENGTH));
    return f;
  }

  public static ExecutionFilter filter(String name, ExecutionFilter f) {
    Inputs.requireArgument(name, f);
    f.createdFrom().ifPresent(t -> Inputs.requireInstant(name + ".createdFrom", t));
    f.createdBefore().ifPresent(t -> Inputs.requireInstant(name + ".createdBefore", t));
    return f;
  }

  public static AlertFilter filter(String name, AlertFilter f) {
    Inputs.requireArgument(name, f);
    labels(name + ".labels", f.labels());
    f.rule().ifPresent(r -> Inputs.requireLine(name + ".rule", r, Inputs.MAX_NAME_LENGTH));
    f.rules().forEach(r -> Inputs.requireLine(name + ".rules", r, Inputs.MAX_NAME_LENGTH));
    f.raisedFrom().ifPresent(t -> Inputs.requireInstant(name + ".raisedFrom", t));
    f.raisedBefore().ifPresent(t -> Inputs.requireInstant(name + ".raisedBefore", t));
    return f;
  }

  /** A page request whose cursor (opaque, made by bms) is at most {@link Inputs#MAX_PATH_LENGTH} characters. */
  public static PageRequest page(String name, PageRequest page) {
    Inputs.requireArgument(name, page);
    page.cursor().ifPresent(c -> Inputs.requireLine(name + ".cursor", c, Inputs.MAX_PATH_LENGTH));
    return page;
  }

  public static RestoreRequest restore(String name, RestoreRequest r) {
    Inputs.requireArgument(name, r);
    // Instant.MAX is RestorePointRef.latest's "the newest"; it is compared in memory, never stored
    if (r.point() instanceof RestorePointRef.AsOf asOf && !asOf.at().equals(Instant.MAX)) {
      Inputs.requireInstant(name + ".point.at", asOf.at());
    }
    for (int i = 0; i < r.selection().size(); i++) {
      Inputs.requirePath(name + ".selection[" + i + "]", r.selection().get(i));
    }
    r.copyName().ifPresent(c -> Inputs.requireLine(name + ".copyName", c, Inputs.MAX_NAME_LENGTH));
    Inputs.requireLine(name + ".requestedBy", r.requestedBy(), Inputs.MAX_NAME_LENGTH);
    return r;
  }

  private static void labels(String name, Map<String, String> labels) {
    labels.forEach((k, v) -> {
      Inputs.requireLine(name + ": key", k, Inputs.MAX_NAME_LENGTH);
      Inputs.requireLine(name + "." + Inputs.excerpt(k), v, Inputs.MAX_NAME_LENGTH);
    });
  }
}
