package dev.bms.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts what {@link AuditAppendBenchmark}'s calls send to PostgreSQL, from the driver's own protocol
 * log (pgjdbc logs every frontend message at FINEST): round trips (Sync messages: the driver waits for
 * the server after each) per call, audited and unaudited, after a warm-up; then prints the statements
 * of one audited and one unaudited {@code disable} (one line per round trip). The driver runs with
 * {@code prepareThreshold=0} (every statement parsed, so the log names each one); that changes no
 * count.
 *
 * <p>With {@code --interleaved}, it times instead (driver log off): rounds of 20 audited then 20 unaudited
 * calls, alternating, so that a shared machine's changing load falls on both sides alike; it prints the
 * median and quartiles of the per-round ratio audited / unaudited, and each side's median time per call.
 * JMH's {@link AuditAppendBenchmark} runs one side for 16 s, then the other, which on a loaded machine
 * measures the load's drift as much as the audit trail.
 *
 * <pre>{@code java -cp bms-benchmarks/target/benchmarks.jar dev.bms.benchmarks.AuditRoundTrips [calls, default 200]
 * java -cp bms-benchmarks/target/benchmarks.jar dev.bms.benchmarks.AuditRoundTrips --interleaved [rounds, default 150]}</pre>
 */
public final class AuditRoundTrips {
  private AuditRoundTrips() {
  }

  /** Syncs, and the statements (Parse texts, simple queries) of each round trip, of the main thread. */
  static final class Counter extends Handler {
    private final Thread thread = Thread.currentThread();
    private final List<String> trips = Collections.synchronizedList(new ArrayList<>());
    private StringBuilder current = new StringBuilder();

    @Override
    public void publish(LogRecord r) {
      String m = r.getMessage();
      if (m == null || !m.contains("FE=>") || Thread.currentThread() != thread) {
        return;
      }
      if (m.contains("FE=> Sync")) {
        trips.add(current.toString());
        current = new StringBuilder();
      } else if (m.contains("FE=> SimpleQuery") || m.contains("FE=> Parse")) {
        String text = r.getParameters() != null && r.getParameters().length > 0
            ? String.valueOf(r.getParameters()[0]) : m;
        if (m.contains("FE=> Parse")) {
          int q = m.indexOf("query=\"");
          text = q < 0 ? text : m.substring(q + 7, m.indexOf('"', q + 7));
        }
        text = text.replaceAll("\\s+", " ").trim();
        current.append(current.length() == 0 ? "" : " + ").append(text.length() > 110 ? text.substring(0, 110) + "..." : text);
      }
    }

    int mark() {
      return trips.size();
    }

    List<String> since(int mark) {
      return new ArrayList<>(trips.subList(mark, trips.size()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--interleaved")) {
      interleaved(args.length > 1 ? Integer.parseInt(args[1]) : 150);
      return;
    }
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    System.setProperty("bms.bench.pgUrl", "jdbc:postgresql://127.0.0.1:5432/test?prepareThreshold=0");
    Logger driver = Logger.getLogger("org.postgresql");
    Counter counter = new Counter();
    counter.setLevel(Level.ALL);
    driver.setLevel(Level.FINEST);
    driver.setUseParentHandlers(false);
    driver.addHandler(counter);
    AuditAppendBenchmark b = new AuditAppendBenchmark();
    b.setUp();
    try {
      System.out.println("| call | round trips per call |");
      System.out.println("|---|---:|");
      count("audited disable + enable", b::bmsToggle, counter, calls);
      count("unaudited disable + enable", b::rawToggle, counter, calls);
      count("audited require + update", b::bmsUpdate, counter, calls);
      count("unaudited require + update", b::rawUpdate, counter, calls);
      System.out.println();
      show("audited disable + enable", b::bmsToggle, counter);
      show("unaudited disable + enable", b::rawToggle, counter);
      show("audited require + update", b::bmsUpdate, counter);
      show("unaudited require + update", b::rawUpdate, counter);
    } finally {
      b.tearDown();
    }
  }

  private static void interleaved(int rounds) throws Exception {
    AuditAppendBenchmark b = new AuditAppendBenchmark();
    b.setUp();
    try {
      System.out.println("| call | audited µs (median) | unaudited µs (median) | ratio: median (quartiles) of " + rounds
          + " rounds |");
      System.out.println("|---|---:|---:|---|");
      time("disable + enable", b::bmsToggle, b::rawToggle, rounds);
      time("require + update", b::bmsUpdate, b::rawUpdate, rounds);
    } finally {
      b.tearDown();
    }
  }

  private static void time(String name, Supplier<?> audited, Supplier<?> unaudited, int rounds) {
    int batch = 20;
    for (int i = 0; i < 30; i++) { // warm-up
      batch(audited, batch);
      batch(unaudited, batch);
    }
    double[] a = new double[rounds];
    double[] u = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      a[r] = batch(audited, batch);
      u[r] = batch(unaudited, batch);
      ratio[r] = a[r] / u[r];
    }
    java.util.Arrays.sort(a);
    java.util.Arrays.sort(u);
    java.util.Arrays.sort(ratio);
    System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | **%.2f×** (%.2f–%.2f) |%n", name, a[rounds / 2], u[rounds / 2],
        ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
  }

  /** Mean µs per call of {@code n} calls. */
  private static double batch(Supplier<?> call, int n) {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      call.get();
    }
    return (System.nanoTime() - start) / 1000.0 / n;
  }

  private static void count(String name, Supplier<?> call, Counter counter, int calls) {
    for (int i = 0; i < 50; i++) {
      call.get();
    }
    int mark = counter.mark();
    for (int i = 0; i < calls; i++) {
      call.get();
    }
    System.out.printf(Locale.ROOT, "| %s | %.2f |%n", name, counter.since(mark).size() / (double) calls);
  }

  private static void show(String name, Supplier<?> call, Counter counter) {
    int mark = counter.mark();
    call.get();
    List<String> trips = counter.since(mark);
    System.out.println(name + ": " + trips.size() + " round trips");
    for (String t : trips) {
      System.out.println("  " + t);
    }
  }
}
