package dev.bms.api.restore;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.Inputs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to restore, from where, to where.
 *
 * <pre>{@code
 * RestoreRequest request = RestoreRequest.from(RestorePointRef.asOf(jobId, yesterdayNoon))
 *     .paths("etc/nginx/nginx.conf", "srv/www/**.html")
 *     .into(Path.of("/tmp/restored"))
 *     .onConflict(ConflictPolicy.KEEP_BOTH)
 *     .timeout(Duration.ofMinutes(30))
 *     .requestedBy("alice")
 *     .build();
 * }</pre>
 *
 * @param point which restore point
 * @param selection manifest paths to restore: an exact path (a file, or a directory meaning every
 *     file under it) or a glob ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}; {@code **} crosses
 *     directories); empty restores the whole restore point
 * @param destination where files land
 * @param copyName read only this copy; empty picks the best available copy per file
 * @param conflictPolicy what to do with files that already exist at the destination
 * @param timeout the restore stops ({@link RestoreStatus#TIMED_OUT}) once this has passed
 * @param requestedBy who or what asked (a user name, a service), for the record
 * @since 0.1.0
 */
public record RestoreRequest(RestorePointRef point, List<String> selection, RestoreDestination destination,
                             Optional<String> copyName, ConflictPolicy conflictPolicy, Optional<Duration> timeout,
                             String requestedBy) {
  public RestoreRequest {
    Inputs.requireArgument("point", point);
    selection = List.copyOf(Inputs.requireArgument("selection", selection));
    Inputs.requireArgument("destination", destination);
    Inputs.requireArgument("copyName", copyName);
    Inputs.requireArgument("conflictPolicy", conflictPolicy);
    Inputs.requireArgument("timeout", timeout);
    Inputs.requireArgument("requestedBy", requestedBy);
    for (String s : selection) {
      if (s.isBlank()) {
        throw new InvalidRequestException("selection: blank entry");
      }
    }
    if (copyName.isPresent() && copyName.get().isBlank()) {
      throw new InvalidRequestException("copyName: blank");
    }
    if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
      throw new InvalidRequestException("timeout: must be positive, was " + timeout.get());
    }
    if (requestedBy.isBlank()) {
      throw new InvalidRequestException("requestedBy: blank");
    }
  }

  /** Starts a request for the given restore point. */
  public static Builder from(RestorePointRef point) {
    return new Builder(point);
  }

  /** True when the whole restore point is selected. */
  public boolean wholePoint() {
    return selection.isEmpty();
  }

  /** Builds a {@link RestoreRequest}; defaults: whole point, best copy, {@link ConflictPolicy#FAIL}, no timeout. */
  public static final class Builder {
    private final RestorePointRef point;
    private final List<String> selection = new ArrayList<>();
    private RestoreDestination destination;
    private String copyName;
    private ConflictPolicy conflictPolicy = ConflictPolicy.FAIL;
    private Duration timeout;
    private String requestedBy = "application";

    private Builder(RestorePointRef point) {
      this.point = Inputs.requireArgument("point", point);
    }

    /** Adds exact paths or globs to the selection. */
    public Builder paths(String... paths) {
      selection.addAll(List.of(paths));
      return this;
    }

    /** Adds exact paths or globs to the selection. */
    public Builder paths(List<String> paths) {
      selection.addAll(paths);
      return this;
    }

    /** Restores into a local directory. */
    public Builder into(Path directory) {
      this.destination = RestoreDestination.directory(directory);
      return this;
    }

    /** Restores into any destination. */
    public Builder into(RestoreDestination destination) {
      this.destination = Inputs.requireArgument("destination", destination);
      return this;
    }

    /** Reads only the named copy. */
    public Builder copy(String copyName) {
      this.copyName = Inputs.requireArgument("copyName", copyName);
      return this;
    }

    /** What to do with existing files. */
    public Builder onConflict(ConflictPolicy policy) {
      this.conflictPolicy = Inputs.requireArgument("policy", policy);
      return this;
    }

    /** Stops the restore once this has passed. */
    public Builder timeout(Duration timeout) {
      this.timeout = Inputs.requireArgument("timeout", timeout);
      return this;
    }

    /** Who or what asked. */
    public Builder requestedBy(String actor) {
      this.requestedBy = Inputs.requireArgument("actor", actor);
      return this;
    }

    /** The request; the destination is required. */
    public RestoreRequest build() {
      if (destination == null) {
        throw new InvalidRequestException("destination: call into(...) first");
      }
      return new RestoreRequest(point, selection, destination, Optional.ofNullable(copyName), conflictPolicy,
          Optional.ofNullable(timeout), requestedBy);
    }
  }
}
