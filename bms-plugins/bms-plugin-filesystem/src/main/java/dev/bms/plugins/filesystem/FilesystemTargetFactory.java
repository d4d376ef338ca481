package dev.bms.plugins.filesystem;

import dev.bms.api.model.MediaType;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.TargetCapabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates {@code "filesystem"} targets. Only path checks here (bms calls this to validate a job):
 * {@code root} must be an absolute, existing directory, {@code subdirectory} a relative path that
 * stays inside it. Writes need the {@code .bms-target} marker in {@code root} ({@link TargetMarker}),
 * which {@code initialize=true} writes when it is missing; {@code partialMaxAge} (default 24h) is
 * when {@code .partial} leftovers whose writer cannot be known are removed ({@link Leftovers}).
 *
 * <p>{@code fsync} defaults to true: a copy counts as a restore point once committed, so it must
 * survive a power cut at that moment. Each data file is forced as its stream closes, the manifest,
 * lock and directories at commit; on spinning disks with many small files that costs, and
 * {@code fsync=false} trades it for the risk of losing the newest copy on a crash.
 */
final class FilesystemTargetFactory implements BackupTargetFactory {
  static final String TYPE = "filesystem";

  @Override
  public String type() {
    return TYPE;
  }

  /** Retention locks and leftover ages are computed from the context's clock. */
  @Override
  public BackupTarget create(PluginConfig config, PluginContext context) {
    Path root = config.requirePath("root");
    Optional<String> subdirectory = config.optionalString("subdirectory");
    MediaType mediaType = config.enumValue("mediaType", MediaType.class, MediaType.LOCAL_DISK);
    Optional<String> failureDomain = config.optionalString("failureDomain");
    boolean offsite = config.bool("offsite", false);
    int immutableDays = config.intValue("immutableDays", 0, 0, 36_500);
    boolean fsync = config.bool("fsync", true);
    boolean initialize = config.bool("initialize", false);
    java.time.Duration partialMaxAge = config.duration("partialMaxAge", java.time.Duration.ofHours(24));
    if (partialMaxAge.compareTo(java.time.Duration.ofMinutes(1)) < 0 || partialMaxAge.compareTo(java.time.Duration.ofDays(3650)) > 0) {
      config.problem("partialMaxAge", "'" + partialMaxAge + "' must be between 1m and 3650d");
    }

    String rawRoot = config.optionalString("root").orElse("");
    if (!rawRoot.isEmpty() && !root.toString().isEmpty()) {
      if (!root.isAbsolute()) {
        config.problem("root", "'" + rawRoot + "' must be an absolute path");
      } else if (!Files.isDirectory(root)) {
        config.problem("root", "'" + rawRoot + "' is not an existing directory");
      }
    }
    Path base = root.toAbsolutePath().normalize();
    if (subdirectory.isPresent()) {
      Optional<Path> sub = insideRoot(subdirectory.get());
      if (sub.isEmpty()) {
        config.problem("subdirectory", "'" + subdirectory.get() + "' must be a relative path inside root (no '..', not absolute)");
      } else {
        base = base.resolve(sub.get()).normalize();
      }
    }
    config.validate();

    // the host name is looked up only when capabilities are first asked for: it may cost a DNS query
    Supplier<TargetCapabilities> capabilities = () -> new TargetCapabilities(mediaType,
        failureDomain.orElseGet(() -> "host:" + Hostname.get()), offsite, immutableDays > 0, false);
    return new FilesystemTarget(root.normalize(), base, capabilities, immutableDays, fsync, initialize, partialMaxAge,
        context.clock());
  }

  private static Optional<Path> insideRoot(String subdirectory) {
    if (subdirectory.startsWith("/") || subdirectory.startsWith("\\")) {
      return Optional.empty();
    }
    Path sub;
    try {
      sub = Path.of(subdirectory);
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
    if (sub.isAbsolute() || sub.getRoot() != null) {
      return Optional.empty();
    }
    for (Path segment : sub) {
      if (segment.toString().equals("..")) {
        return Optional.empty();
      }
    }
    return Optional.of(sub.normalize());
  }
}
