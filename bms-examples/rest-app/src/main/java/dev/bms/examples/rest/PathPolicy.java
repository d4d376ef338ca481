package dev.bms.examples.rest;

import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The allow-list of local directories jobs may read from and write to, and restores may write into
 * (setting {@code allowed-roots}). Without it an admin could back up {@code /etc} or restore over
 * {@code /}. Checked are the local paths of the plugins this app ships: a {@code directory}
 * source's {@code path}, a {@code filesystem} target's {@code root}; and a restore's destination.
 *
 * <p>A path is allowed when, made absolute and normalised (and resolved through symbolic links as
 * far as it exists), it is one of the roots or lies under one. {@code ..} and links cannot climb out.
 */
final class PathPolicy {
  /** Source or target type to the configuration keys holding a local path. */
  private static final Map<String, String> SOURCE_KEYS = Map.of("directory", "path");
  private static final Map<String, String> TARGET_KEYS = Map.of("filesystem", "root");

  private final List<Path> roots;

  PathPolicy(List<Path> roots) {
    this.roots = roots.stream().map(PathPolicy::canonical).map(Optional::orElseThrow).toList();
  }

  List<Path> roots() {
    return roots;
  }

  /**
   * Refuses a job whose local paths are not allowed, naming each field.
   *
   * @throws ApiException 400 {@code path_not_allowed}
   */
  void checkJob(BackupJob job) {
    List<FieldError> errors = new ArrayList<>();
    String sourceKey = SOURCE_KEYS.get(job.source().type());
    if (sourceKey != null) {
      check(job.source().config().get(sourceKey), "source.config." + sourceKey, errors);
    }
    List<CopySpec> copies = job.copies();
    for (int i = 0; i < copies.size(); i++) {
      String key = TARGET_KEYS.get(copies.get(i).targetType());
      if (key != null) {
        check(copies.get(i).config().get(key), "copies[" + i + "].config." + key, errors);
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(400, "path_not_allowed", errors.size() == 1 ? errors.get(0).field() + ": "
          + errors.get(0).message() : errors.size() + " paths are outside the allowed roots", errors);
    }
  }

  /**
   * The allowed directory {@code text} names.
   *
   * @throws ApiException 400 {@code path_not_allowed} naming {@code field}
   */
  Path require(String text, String field) {
    List<FieldError> errors = new ArrayList<>();
    check(text, field, errors);
    if (!errors.isEmpty()) {
      throw new ApiException(400, "path_not_allowed", field + ": " + errors.get(0).message(), errors);
    }
    return canonical(Path.of(text)).orElseThrow();
  }

  private void check(String text, String field, List<FieldError> errors) {
    if (text == null) {
      return; // the plugin names a missing key itself
    }
    Optional<Path> path;
    try {
      path = Path.of(text).isAbsolute() ? canonical(Path.of(text)) : Optional.empty();
    } catch (InvalidPathException e) {
      path = Optional.empty();
    }
    if (path.isEmpty()) {
      errors.add(new FieldError(field, "'" + Params.shorten(text) + "' must be an absolute path"));
    } else if (roots.stream().noneMatch(path.get()::startsWith)) {
      errors.add(new FieldError(field, "'" + Params.shorten(text) + "' is outside the allowed roots "
          + roots + " (setting allowed-roots)"));
    }
  }

  /** Absolute, normalised, with the longest existing prefix resolved through links. */
  private static Optional<Path> canonical(Path path) {
    Path p = path.toAbsolutePath().normalize();
    Path existing = p;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.of(p);
    }
    try {
      return Optional.of(existing.toRealPath().resolve(existing.relativize(p)).normalize());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
