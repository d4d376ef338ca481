package dev.bms.cache.redis;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A throw-away {@code redis-server} on a free port, which a test can kill and restart. */
final class RedisServerProcess implements AutoCloseable {
  private final int port;
  private Process process;

  RedisServerProcess() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
  }

  String address() {
    return "redis://127.0.0.1:" + port;
  }

  void start() throws IOException, InterruptedException {
    process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--daemonize", "no")
        .redirectErrorStream(true)
        .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "bms-redis-test-" + port + ".log"))
        .start();
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

  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      process = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
