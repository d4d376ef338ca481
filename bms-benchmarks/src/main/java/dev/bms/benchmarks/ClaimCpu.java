package dev.bms.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Where the CPU of {@link ClaimBenchmark}'s two-instance loops goes: runs the bms loop and the raw
 * loop (two instances each, as the benchmark does) for a fixed time and prints, per execution claimed
 * and completed, the CPU time spent by this JVM and by all PostgreSQL server processes, and how much
 * of the machine's CPU stayed idle. On a machine whose cores are saturated, the executions per second
 * of each loop are bounded by its CPU per execution, whichever process spends it.
 *
 * <pre>
 * java -cp bms-benchmarks/target/benchmarks.jar dev.bms.benchmarks.ClaimCpu [seconds]
 * </pre>
 *
 * Linux only (reads {@code /proc}); needs the PostgreSQL of {@link ClaimBenchmark}.
 */
public final class ClaimCpu {
  private ClaimCpu() {
  }

  interface Loop {
    int run(ClaimBenchmark.Instance in) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    System.out.printf("%-4s %10s %14s %14s %14s %8s%n", "loop", "exec/s", "JVM µs/exec", "PG µs/exec",
        "total µs/exec", "idle %");
    for (int round = 0; round < 2; round++) {
      measure("bms", ClaimBenchmark::bmsClaimAndComplete, seconds);
      measure("raw", ClaimBenchmark::rawClaimAndComplete, seconds);
    }
  }

  private static void measure(String name, Loop loop, int seconds) throws Exception {
    ClaimBenchmark.Queue queue = new ClaimBenchmark.Queue();
    queue.create();
    queue.topUp();
    List<ClaimBenchmark.Instance> instances = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ClaimBenchmark.Instance in = new ClaimBenchmark.Instance();
      in.open(queue);
      instances.add(in);
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong executions = new AtomicLong();
    AtomicReference<Exception> failed = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (ClaimBenchmark.Instance in : instances) {
      Thread t = new Thread(() -> {
        try {
          while (!stop.get()) {
            executions.addAndGet(loop.run(in));
          }
        } catch (Exception e) {
          failed.compareAndSet(null, e); // reported after the join: figures of a loop that died mean nothing
        }
      }, "claim-" + name);
      t.start();
      threads.add(t);
    }
    Thread.sleep(3_000); // warm-up: JIT, pools, the planner's statistics
    long e0 = executions.get();
    long jvm0 = jvmCpuNanos();
    long pg0 = postgresCpuTicks();
    long[] m0 = machineTicks();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1_000L);
    long e1 = executions.get();
    long jvm1 = jvmCpuNanos();
    long pg1 = postgresCpuTicks();
    long[] m1 = machineTicks();
    long t1 = System.nanoTime();
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    if (failed.get() != null) {
      throw new IllegalStateException("the " + name + " loop failed", failed.get());
    }
    for (ClaimBenchmark.Instance in : instances) {
      in.close();
    }
    queue.drop();
    double n = e1 - e0;
    double tickNanos = 1e9 / 100; // USER_HZ
    double jvm = (jvm1 - jvm0) / 1e3 / n;
    double pg = (pg1 - pg0) * tickNanos / 1e3 / n;
    double idle = 100.0 * (m1[1] - m0[1]) / Math.max(1, m1[0] - m0[0]);
    System.out.printf("%-4s %10.0f %14.1f %14.1f %14.1f %8.1f%n", name, n / ((t1 - t0) / 1e9), jvm, pg, jvm + pg, idle);
  }

  private static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** utime + stime of every process named postgres, in clock ticks. */
  private static long postgresCpuTicks() throws IOException {
    long total = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(p.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          if (!stat.substring(open + 1, close).startsWith("postgres")) {
            continue;
          }
          String[] f = stat.substring(close + 2).split(" ");
          total += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException gone) {
          // the process ended between the listing and the read
        }
      }
    }
    return total;
  }

  /** All ticks and idle ticks (idle + iowait) of the machine, from the first line of /proc/stat. */
  private static long[] machineTicks() throws IOException {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long all = 0;
    for (int i = 1; i < f.length; i++) {
      all += Long.parseLong(f[i]);
    }
    return new long[] {all, Long.parseLong(f[4]) + Long.parseLong(f[5])};
  }
}
