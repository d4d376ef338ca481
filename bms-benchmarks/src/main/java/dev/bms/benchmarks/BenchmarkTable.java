package dev.bms.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.SampleTimeResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the benchmarks (any JMH command-line options, e.g. a regular expression and {@code -f 1})
 * and prints each bms benchmark beside its raw baseline with the ratio. A benchmark method named
 * {@code bmsX} is paired with the method {@code rawX} of the same class run with the same
 * parameters; benchmarks without a partner are listed alone. Sample-time benchmarks (their target is a
 * percentile) also show their 95th percentile, {@code mean ± error (p95 x)}.
 *
 * <pre>{@code java -cp bms-benchmarks/target/benchmarks.jar dev.bms.benchmarks.BenchmarkTable -f 1}</pre>
 */
public final class BenchmarkTable {
  private BenchmarkTable() {
  }

  public static void main(String[] args) throws Exception {
    Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
    System.out.println();
    System.out.println(table(results));
  }

  /** The markdown table of {@code results}. */
  static String table(Collection<RunResult> results) {
    Map<String, Result<?>> bms = new TreeMap<>();
    Map<String, Result<?>> raw = new LinkedHashMap<>();
    List<String> alone = new ArrayList<>();
    for (RunResult r : results) {
      BenchmarkParams p = r.getParams();
      String benchmark = p.getBenchmark();
      int dot = benchmark.lastIndexOf('.');
      String method = benchmark.substring(dot + 1);
      String owner = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
      String params = p.getParamsKeys().stream().map(k -> k + "=" + p.getParam(k)).reduce((a, b) -> a + " " + b)
          .orElse("");
      Result<?> primary = r.getPrimaryResult();
      if (method.startsWith("bms")) {
        bms.put(owner + "." + method.substring(3) + "|" + params, primary);
      } else if (method.startsWith("raw")) {
        raw.put(owner + "." + method.substring(3) + "|" + params, primary);
      } else {
        alone.add(row(owner + "." + method, params, format(primary), "", primary.getScoreUnit(), ""));
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("| benchmark | parameters | bms | raw | unit | bms / raw |\n");
    out.append("|---|---|---:|---:|---|---:|\n");
    for (Map.Entry<String, Result<?>> e : bms.entrySet()) {
      String[] key = e.getKey().split("\\|", -1);
      Result<?> b = e.getValue();
      Result<?> r = raw.remove(e.getKey());
      String ratio = r == null || r.getScore() == 0 ? "" : String.format(Locale.ROOT, "%.2f×", b.getScore() / r.getScore());
      out.append(row(key[0], key[1], format(b), r == null ? "" : format(r), b.getScoreUnit(), ratio));
    }
    for (Map.Entry<String, Result<?>> e : raw.entrySet()) {
      String[] key = e.getKey().split("\\|", -1);
      out.append(row(key[0] + " (raw only)", key[1], "", format(e.getValue()), e.getValue().getScoreUnit(), ""));
    }
    alone.forEach(out::append);
    return out.toString();
  }

  private static String row(String name, String params, String bms, String raw, String unit, String ratio) {
    return "| " + name + " | " + params + " | " + bms + " | " + raw + " | " + unit + " | " + ratio + " |\n";
  }

  private static String format(Result<?> r) {
    double score = r.getScore();
    String pattern = score >= 100 ? "%.0f" : score >= 10 ? "%.1f" : "%.2f";
    String error = Double.isNaN(r.getScoreError()) ? "" : " ± " + String.format(Locale.ROOT, pattern, r.getScoreError());
    String p95 = r instanceof SampleTimeResult ? " (p95 " + String.format(Locale.ROOT, pattern,
        r.getStatistics().getPercentile(95)) + ")" : "";
    return String.format(Locale.ROOT, pattern, score) + error + p95;
  }
}
