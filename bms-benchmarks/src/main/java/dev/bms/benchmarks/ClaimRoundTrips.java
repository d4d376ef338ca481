package dev.bms.benchmarks;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts what {@link ClaimBenchmark}'s two sides send to PostgreSQL per execution claimed and
 * completed, from the driver's own protocol log (pgjdbc logs every frontend message at FINEST): round
 * trips (Sync messages: the driver waits for the server after each), statements executed (Execute
 * messages, BEGIN and COMMIT not counted) and commits. One instance, {@code batches} claim batches of
 * 10 on each side, after 20 batches of warm-up. The driver runs with {@code prepareThreshold=0} here
 * (every statement parsed, so the log names each one); that changes no count.
 *
 * <pre>{@code java -cp bms-benchmarks/target/benchmarks.jar dev.bms.benchmarks.ClaimRoundTrips [batches, default 200]}</pre>
 */
public final class ClaimRoundTrips {
  private ClaimRoundTrips() {
  }

  /**
   * Counts frontend messages of the PostgreSQL driver, per thread (a connection's messages are
   * logged by the thread using it): Syncs, statements (Executes other than BEGIN and COMMIT), and
   * commits: explicit COMMITs, plus one for every Sync that closes statements sent outside a
   * BEGIN (auto-commit: the server commits them at the Sync).
   */
  static final class Counter extends Handler {
    final AtomicLong syncs = new AtomicLong();
    final AtomicLong statements = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    final AtomicLong explicitCommits = new AtomicLong();
    private final ThreadLocal<String> next = ThreadLocal.withInitial(() -> "OTHER");
    private final ThreadLocal<boolean[]> state = ThreadLocal.withInitial(() -> new boolean[2]); // inTx, implicit

    @Override
    public void publish(LogRecord r) {
      String m = r.getMessage();
      if (m == null || !m.contains("FE=>")) {
        return;
      }
      boolean[] s = state.get();
      if (m.contains("FE=> Sync")) {
        syncs.incrementAndGet();
        if (s[1]) {
          commits.incrementAndGet();
          s[1] = false;
        }
      } else if (m.contains("FE=> SimpleQuery")) {
        // the driver sends BEGIN as a simple query in front of a transaction's first statement
        if (r.getParameters() != null && r.getParameters().length > 0 && "BEGIN".equals(String.valueOf(r.getParameters()[0]))) {
          s[0] = true;
        }
      } else if (m.contains("FE=> Parse")) {
        // prepareThreshold=0: every statement is parsed, so its text is always in the log
        next.set(m.contains("query=\"COMMIT\"") ? "COMMIT" : "OTHER");
      } else if (m.contains("FE=> Execute")) {
        switch (next.get()) {
          case "BEGIN" -> s[0] = true;
          case "COMMIT" -> {
            s[0] = false;
            commits.incrementAndGet();
            explicitCommits.incrementAndGet();
          }
          default -> {
            statements.incrementAndGet();
            if (!s[0]) {
              s[1] = true;
            }
          }
        }
        next.set("OTHER");
      }
    }

    long[] snapshot() {
      return new long[] {syncs.get(), statements.get(), commits.get(), explicitCommits.get()};
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }

  interface Side {
    int batch(ClaimBenchmark.Instance in) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int batches = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    // unnamed statements only, so that every Execute follows a Parse naming its SQL (COMMIT included);
    // round trips, statements and commits are the same as with server-side prepared statements
    System.setProperty("bms.bench.claimUrl", "jdbc:postgresql://127.0.0.1:5432/test?prepareThreshold=0");
    Logger driver = Logger.getLogger("org.postgresql");
    Counter counter = new Counter();
    counter.setLevel(Level.ALL);
    driver.setLevel(Level.FINEST);
    driver.setUseParentHandlers(false);
    driver.addHandler(counter);
    ClaimBenchmark.Queue queue = new ClaimBenchmark.Queue();
    queue.create();
    try {
      queue.topUp();
      ClaimBenchmark.Instance in = new ClaimBenchmark.Instance();
      in.open(queue);
      try {
        System.out.println("| side | executions | round trips / execution | statements / execution | commits / execution |");
        System.out.println("|---|---:|---:|---:|---:|");
        measure("bms", ClaimBenchmark::bmsClaimAndComplete, in, counter, batches);
        measure("raw", ClaimBenchmark::rawClaimAndComplete, in, counter, batches);
      } finally {
        in.close();
      }
    } finally {
      queue.drop();
    }
  }

  private static void measure(String name, Side side, ClaimBenchmark.Instance in, Counter counter, int batches)
      throws Exception {
    for (int i = 0; i < 20; i++) {
      side.batch(in);
    }
    long[] before = counter.snapshot();
    long executions = 0;
    for (int i = 0; i < batches; i++) {
      executions += side.batch(in);
    }
    long[] after = counter.snapshot();
    double n = executions;
    System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f (of which explicit COMMIT %.2f) |%n", name,
        executions, (after[0] - before[0]) / n, (after[1] - before[1]) / n, (after[2] - before[2]) / n,
        (after[3] - before[3]) / n);
  }
}
