package dev.bms.api.restore;

import dev.bms.api.model.Inputs;
import dev.bms.spi.RestoreSink;
import java.nio.file.Path;

/**
 * Where restored files land: a local directory, or a {@link RestoreSink} for anything else.
 *
 * @since 0.1.0
 */
public sealed interface RestoreDestination {

  /** A local directory (created if missing); nothing is ever written outside it. */
  static RestoreDestination directory(Path path) {
    return new Directory(path);
  }

  /** A sink the application or a plugin provides. */
  static RestoreDestination sink(RestoreSink sink) {
    return new Sink(sink);
  }

  /** A one-line description for the restore record. */
  String describe();

  /**
   * A local directory.
   *
   * @param path the directory; symbolic links inside it are never followed
   */
  record Directory(Path path) implements RestoreDestination {
    public Directory {
      Inputs.requireArgument("path", path);
      path = path.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
      return "directory " + path;
    }
  }

  /**
   * A sink.
   *
   * @param sink receives each verified file
   */
  record Sink(RestoreSink sink) implements RestoreDestination {
    public Sink {
      Inputs.requireArgument("sink", sink);
    }

    @Override
    public String describe() {
      return "sink " + sink.describe();
    }
  }
}
