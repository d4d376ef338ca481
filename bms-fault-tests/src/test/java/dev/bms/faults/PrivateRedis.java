package dev.bms.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the test's own on a free port (never the shared one on 6379), without
 * persistence, which the scenario kills (SIGKILL) and starts again on the same port.
 */
final class PrivateRedis implements AutoCloseable {
  private final int port;
  private final Path logFile;
  private final Runnable cleanup = this::killQuietly;
  private Process process;

  PrivateRedis(Path logDir) {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    logFile = logDir.resolve("redis-" + port + ".log");
    Cleanup.register(cleanup);
  }

  String address() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts it and waits until it accepts connections. */
  void start() throws InterruptedException {
    try {
      process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no", "--daemonize", "no")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start redis-server", e);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server on port " + port + " exited with " + process.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException("redis-server on port " + port + " did not start in 10 s");
  }

  /** SIGKILL, as a crash: clients see their connections reset. */
  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server survived SIGKILL");
      }
      process = null;
    }
  }

  private void killQuietly() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    killQuietly();
    Cleanup.unregister(cleanup);
  }
}
