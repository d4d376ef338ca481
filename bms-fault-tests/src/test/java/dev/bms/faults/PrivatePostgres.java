package dev.bms.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, which it may restart and stop at will (never the shared
 * one on 5432): Debian's {@code initdb} and {@code pg_ctl} from the installed server's versioned
 * bin folder ({@code /usr/lib/postgresql/<ver>/bin}, newest version), a data directory under
 * {@code target/}, a free port of its own, trust authentication on 127.0.0.1. initdb refuses to run
 * as root, so when the build runs as root the data directory is given to the {@code postgres} user
 * and the commands run as that user.
 *
 * <p>{@link #close()} stops it with {@code pg_ctl stop -m immediate}; so does {@link Cleanup} when
 * the test JVM exits while it runs.
 */
final class PrivatePostgres implements AutoCloseable {
  private static final String OS_USER = "postgres";
  private static final Duration PG_CTL_LIMIT = Duration.ofSeconds(60);

  private final Path bin;
  private final Path dataDir;
  private final Path logFile;
  private final int port;
  private final Runnable cleanup = this::stopQuietly;

  private PrivatePostgres(Path bin, Path dataDir, Path logFile, int port) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.logFile = logFile;
    this.port = port;
  }

  /** Creates a fresh cluster under {@code baseDir} (any old one there is stopped and removed) and starts it. */
  static PrivatePostgres initAndStart(Path baseDir) {
    Path bin = serverBin();
    int port = freePort();
    Path dataDir = baseDir.toAbsolutePath().resolve("data");
    Path logFile = baseDir.toAbsolutePath().resolve("postgres.log");
    try {
      if (Files.exists(dataDir.resolve("postmaster.pid"))) {
        stopImmediately(bin, dataDir); // left running by a JVM that was killed before its cleanup ran
      }
      deleteTree(baseDir);
      Files.createDirectories(dataDir);
      giveToPostgresUser(baseDir);
      giveToPostgresUser(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare " + dataDir, e);
    }
    Commands.run(PG_CTL_LIMIT, Commands.asUser(OS_USER, List.of(bin.resolve("initdb").toString(),
        "-D", dataDir.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")));
    PrivatePostgres pg = new PrivatePostgres(bin, dataDir, logFile, port);
    Cleanup.register(pg.cleanup);
    pg.start();
    return pg;
  }

  int port() {
    return port;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** Starts the server and waits until it accepts connections. */
  void start() {
    List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(),
        "-l", logFile.toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dataDir + " -c max_connections=60", "start"));
    Commands.run(PG_CTL_LIMIT, Commands.asUser(OS_USER, command));
  }

  /** A clean restart ({@code -m fast}: sessions are disconnected, then the server comes back). */
  void restart() {
    Commands.run(PG_CTL_LIMIT, Commands.asUser(OS_USER, List.of(bin.resolve("pg_ctl").toString(), "-D",
        dataDir.toString(), "-l", logFile.toString(), "-w", "-t", "60", "-m", "fast",
        "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dataDir + " -c max_connections=60", "restart")));
  }

  /** Stops the server like a crash ({@code -m immediate}: no checkpoint, recovery on the next start). */
  void crash() {
    stopImmediately(bin, dataDir);
  }

  /** The server's own log, for failure messages. */
  String log() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile) : "";
    } catch (IOException e) {
      return "(unreadable " + logFile + ")";
    }
  }

  @Override
  public void close() {
    stopQuietly();
    Cleanup.unregister(cleanup);
  }

  private void stopQuietly() {
    if (Files.exists(dataDir.resolve("postmaster.pid"))) {
      try {
        stopImmediately(bin, dataDir);
      } catch (RuntimeException e) {
        System.err.println("could not stop the private PostgreSQL in " + dataDir + ": " + e.getMessage());
      }
    }
  }

  private static void stopImmediately(Path bin, Path dataDir) {
    Commands.run(PG_CTL_LIMIT, Commands.asUser(OS_USER, List.of(bin.resolve("pg_ctl").toString(), "-D",
        dataDir.toString(), "-w", "-t", "60", "-m", "immediate", "stop")));
  }

  /** {@code /usr/lib/postgresql/<newest version>/bin}, the Debian layout. */
  static Path serverBin() {
    Path root = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
          .orElseThrow(() -> new IllegalStateException("no initdb/pg_ctl under " + root + "/<version>/bin"));
    } catch (IOException e) {
      throw new UncheckedIOException("no PostgreSQL server installed under " + root, e);
    }
  }

  private static int freePort() {
    for (int i = 0; i < 20; i++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        int port = socket.getLocalPort();
        if (port != 5432) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port");
  }

  private static void giveToPostgresUser(Path path) throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return;
    }
    UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    view.setOwner(users.lookupPrincipalByName(OS_USER));
    GroupPrincipal group = users.lookupPrincipalByGroupName(OS_USER);
    view.setGroup(group);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
