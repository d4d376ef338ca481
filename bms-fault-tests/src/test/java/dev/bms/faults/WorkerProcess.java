package dev.bms.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WorkerMain} in its own JVM, started with this JVM's class path, its output in a log file
 * under {@code target/fault-logs}. The scenario can SIGKILL it, freeze it (SIGSTOP) and thaw it
 * (SIGCONT), or ask it to close. Whatever happens to the test, {@link Cleanup} thaws and kills it.
 */
final class WorkerProcess implements AutoCloseable {
  private final String instance;
  private final Process process;
  private final Path log;
  private final Runnable cleanup;

  private WorkerProcess(String instance, Process process, Path log) {
    this.instance = instance;
    this.process = process;
    this.log = log;
    this.cleanup = this::destroy;
    Cleanup.register(cleanup);
  }

  /** Starts a worker; {@code options} are {@link WorkerMain}'s {@code key=value} arguments. */
  static WorkerProcess start(String instance, Path logDir, List<String> options) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"),
        WorkerMain.class.getName(), "instance=" + instance));
    command.addAll(options);
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(instance + ".log");
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new WorkerProcess(instance, p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start worker " + instance, e);
    }
  }

  String instance() {
    return instance;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The worker's output so far. */
  String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(unreadable log " + log + ": " + e + ")";
    }
  }

  Path logFile() {
    return log;
  }

  /** True once the worker printed a line containing {@code text}; fails if it died. */
  boolean printed(String text) {
    String out = log();
    if (!process.isAlive() && !out.contains(text)) {
      throw new IllegalStateException("worker " + instance + " exited (" + process.exitValue() + "): " + out);
    }
    return out.contains(text);
  }

  void send(String command) {
    try {
      OutputStream in = process.getOutputStream();
      in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not send '" + command + "' to " + instance, e);
    }
  }

  /** SIGKILL: no shutdown hook, no close, no cleanup in the worker. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("worker " + instance + " survived SIGKILL for 10 s");
    }
  }

  /** SIGSTOP: the whole JVM freezes (threads, timers, sockets stay open). */
  void freeze() {
    Commands.signal(process.pid(), "STOP");
  }

  /** SIGCONT after {@link #freeze()}. */
  void thaw() {
    Commands.signal(process.pid(), "CONT");
  }

  /** Asks the worker to close its manager and exit; returns its exit code. */
  int exit(Duration limit) throws InterruptedException {
    send("exit");
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("worker " + instance + " did not exit within " + limit + ": " + log());
    }
    return process.exitValue();
  }

  private void destroy() {
    if (process.isAlive()) {
      try {
        Commands.signal(process.pid(), "CONT"); // a frozen JVM is killed all the same, but never leave one frozen
      } catch (RuntimeException ignored) {
        // already gone
      }
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    destroy();
    Cleanup.unregister(cleanup);
  }
}
