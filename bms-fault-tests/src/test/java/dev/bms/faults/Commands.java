package dev.bms.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short operating-system commands (signals, pg_ctl) with a time limit. */
final class Commands {
  private Commands() {
  }

  /** Runs the command; returns its combined output; throws when it fails or overruns. */
  static String run(Duration limit, List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in " + limit);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
  }

  static String run(Duration limit, String... command) {
    return run(limit, List.of(command));
  }

  /** Sends a signal (STOP, CONT, KILL) to one process. */
  static void signal(long pid, String signal) {
    run(Duration.ofSeconds(5), "kill", "-" + signal, Long.toString(pid));
  }

  /** The command as the given user when this JVM runs as root (e.g. initdb refuses root), else as is. */
  static List<String> asUser(String user, List<String> command) {
    if (!"root".equals(System.getProperty("user.name"))) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
    wrapped.addAll(command);
    return wrapped;
  }
}
