package dev.bms.plugins.filesystem;

import dev.bms.spi.BackupSource;
import dev.bms.spi.BackupSourceFactory;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Optional;

/**
 * Creates {@code "directory"} sources: {@code path} (required, an absolute path of an existing directory),
 * {@code include} and {@code exclude} (optional globs matched against the {@code /}-separated path
 * relative to {@code path}: {@code *} stays within one directory, {@code **} crosses them, so
 * {@code **}{@code /*.log} needs at least one directory and {@code *.log} matches only top-level
 * files), {@code followLinks} (default false: symbolic links are skipped).
 */
final class DirectorySourceFactory implements BackupSourceFactory {
  static final String TYPE = "directory";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public BackupSource create(PluginConfig config, PluginContext context) {
    Path path = config.requirePath("path");
    Optional<PathMatcher> include = glob(config, "include");
    Optional<PathMatcher> exclude = glob(config, "exclude");
    boolean followLinks = config.bool("followLinks", false);
    Optional<String> raw = config.optionalString("path");
    if (raw.isPresent() && !path.toString().isEmpty()) {
      if (!path.isAbsolute()) {
        // a relative path would mean a different directory under each JVM's working directory
        config.problem("path", "'" + raw.get() + "' must be an absolute path");
      } else if (!Files.isDirectory(path)) {
        config.problem("path", "'" + raw.get() + "' is not an existing directory");
      }
    }
    config.validate();
    return new DirectorySource(path.toAbsolutePath().normalize(), include, exclude, followLinks);
  }

  private static Optional<PathMatcher> glob(PluginConfig config, String key) {
    Optional<String> pattern = config.optionalString(key);
    if (pattern.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(FileSystems.getDefault().getPathMatcher("glob:" + pattern.get()));
    } catch (IllegalArgumentException e) { // PatternSyntaxException included
      config.problem(key, "'" + pattern.get() + "' is not a valid glob: " + e.getMessage());
      return Optional.empty();
    }
  }
}
