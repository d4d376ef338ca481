package dev.bms.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The CI smoke mode, part of {@code mvn verify}: every benchmark of the module (bms and raw side)
 * runs once, briefly, in this JVM, on small data, and the build fails if one throws. It proves the
 * benchmarks work, not how fast anything is. Override the pattern with
 * {@code -Dbms.bench.smoke.include=...}.
 */
class BenchmarkSmokeTest {

  @Test
  void everyBenchmarkRunsOnceWithoutThrowing() throws Exception {
    // JMH's machine-wide lock keeps measured runs apart; a smoke run measures nothing, and must not
    // fail because another build on the machine is running benchmarks
    System.setProperty("jmh.ignoreLock", "true");
    // small data where sizes are not JMH parameters (see Smoke)
    System.setProperty("bms.bench.smoke", "true");
    Options options = new OptionsBuilder()
        .include(System.getProperty("bms.bench.smoke.include", "dev\\.bms\\.benchmarks\\..*"))
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .timeout(TimeValue.seconds(60))
        .shouldFailOnError(true)
        // small data: the full run's sizes are the @Param defaults
        .param("jobs", "100")
        .param("batch", "10")
        .param("files", "20")
        .param("totalMiB", "4")
        .param("concurrent", "5")
        .timeUnit(TimeUnit.MICROSECONDS)
        .build();
    Collection<RunResult> results = new Runner(options).run();

    assertThat(results).isNotEmpty();
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getSampleCount()).isPositive());
    String table = BenchmarkTable.table(results);
    System.out.println(table);
    assertThat(table).contains("JobOverviewBenchmark.Overview", "JobCacheBenchmark.GetHit");
  }
}
