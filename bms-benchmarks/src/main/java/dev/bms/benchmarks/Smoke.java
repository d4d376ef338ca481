package dev.bms.benchmarks;

/**
 * Data sizes for benchmarks whose sizes are not JMH parameters: the full size normally, a small one
 * in the CI smoke run ({@code BenchmarkSmokeTest} sets {@code -Dbms.bench.smoke=true}), which only
 * proves every benchmark runs.
 */
final class Smoke {
  private Smoke() {
  }

  static boolean on() {
    return Boolean.getBoolean("bms.bench.smoke");
  }

  static int size(int full, int smoke) {
    return on() ? smoke : full;
  }
}
