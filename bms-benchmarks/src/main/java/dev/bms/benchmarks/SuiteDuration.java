package dev.bms.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Computes, without running anything, how long the benchmarks selected by the given JMH options
 * (the same arguments {@link BenchmarkTable} takes) spend in their iterations: for every benchmark,
 * forks × (warm-up iterations × warm-up time + measured iterations × measurement time) × parameter
 * combinations, from each class's annotations unless the options override them. Single-shot
 * benchmarks have no iteration time: they are counted as shots (forks × (warm-up + measured) ×
 * parameter combinations), whose length is the operation's own. Setup (data seeding) and JVM
 * start-up come on top; the count of forks is printed so they can be estimated.
 *
 * <pre>{@code java -cp bms-benchmarks/target/benchmarks.jar dev.bms.benchmarks.SuiteDuration}</pre>
 */
public final class SuiteDuration {
  private SuiteDuration() {
  }

  /** Iteration seconds, single shots and forks of one class. */
  record Plan(double seconds, int shots, int forks, int trials) {
    Plan plus(Plan o) {
      return new Plan(seconds + o.seconds, shots + o.shots, forks + o.forks, trials + o.trials);
    }
  }

  public static void main(String[] args) throws Exception {
    CommandLineOptions opt = new CommandLineOptions(args);
    List<String> includes = opt.getIncludes().isEmpty() ? List.of(".*") : opt.getIncludes();
    Map<String, Plan> byClass = new TreeMap<>();
    for (BenchmarkListEntry e : BenchmarkList.defaultList()
        .find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), includes, opt.getExcludes())) {
      String owner = e.getUserClassQName().substring(e.getUserClassQName().lastIndexOf('.') + 1);
      byClass.merge(owner, plan(e, opt), Plan::plus);
    }
    Plan total = new Plan(0, 0, 0, 0);
    System.out.println("| class | trials (benchmark x parameters) | forks | iteration time | single shots |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (Map.Entry<String, Plan> c : byClass.entrySet()) {
      Plan p = c.getValue();
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %s |%n", c.getKey(), p.trials(), p.forks(), time(p.seconds()),
          p.shots() == 0 ? "" : Integer.toString(p.shots()));
      total = total.plus(p);
    }
    System.out.printf(Locale.ROOT, "| **total** | %d | %d | **%s** | %d |%n", total.trials(), total.forks(),
        time(total.seconds()), total.shots());
  }

  static Plan plan(BenchmarkListEntry e, CommandLineOptions opt) {
    Mode mode = opt.getBenchModes().isEmpty() ? e.getMode() : opt.getBenchModes().iterator().next();
    boolean singleShot = mode == Mode.SingleShotTime;
    int forks = opt.getForkCount().orElse(e.getForks().orElse(Defaults.MEASUREMENT_FORKS));
    int runs = Math.max(forks, 1) + opt.getWarmupForkCount().orElse(e.getWarmupForks().orElse(Defaults.WARMUP_FORKS));
    int wi = opt.getWarmupIterations().orElse(e.getWarmupIterations().orElse(
        singleShot ? Defaults.WARMUP_ITERATIONS_SINGLESHOT : Defaults.WARMUP_ITERATIONS));
    int mi = opt.getMeasurementIterations().orElse(e.getMeasurementIterations().orElse(
        singleShot ? Defaults.MEASUREMENT_ITERATIONS_SINGLESHOT : Defaults.MEASUREMENT_ITERATIONS));
    TimeValue w = opt.getWarmupTime().orElse(e.getWarmupTime().orElse(Defaults.WARMUP_TIME));
    TimeValue m = opt.getMeasurementTime().orElse(e.getMeasurementTime().orElse(Defaults.MEASUREMENT_TIME));
    int combinations = 1;
    if (e.getParams().hasValue()) {
      for (Map.Entry<String, String[]> p : e.getParams().get().entrySet()) {
        int n = opt.getParameter(p.getKey()).hasValue() ? opt.getParameter(p.getKey()).get().size() : p.getValue().length;
        combinations *= Math.max(n, 1);
      }
    }
    if (singleShot) {
      return new Plan(0, runs * (wi + mi) * combinations, runs * combinations, combinations);
    }
    double seconds = runs * (wi * seconds(w) + mi * seconds(m)) * combinations;
    return new Plan(seconds, 0, runs * combinations, combinations);
  }

  private static double seconds(TimeValue t) {
    return t.getTimeUnit().toNanos(t.getTime()) / 1e9;
  }

  private static String time(double seconds) {
    long s = Math.round(seconds);
    return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
  }
}
