package dev.bms.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The planned iteration time follows the annotations, and command-line options override them. */
class SuiteDurationTest {

  private static SuiteDuration.Plan planOf(String... args) throws Exception {
    CommandLineOptions opt = new CommandLineOptions(args);
    SuiteDuration.Plan total = new SuiteDuration.Plan(0, 0, 0, 0);
    for (BenchmarkListEntry e : BenchmarkList.defaultList().find(
        OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), opt.getIncludes(), List.of())) {
      total = total.plus(SuiteDuration.plan(e, opt));
    }
    return total;
  }

  @Test
  void claimBenchmarkTakesItsAnnotatedIterations() throws Exception {
    // @Fork(1), 3 x 1 s warm-up, 5 x 1 s measured, four benchmark methods, no parameters
    SuiteDuration.Plan plan = planOf("ClaimBenchmark\\.");
    assertThat(plan.trials()).isEqualTo(4);
    assertThat(plan.seconds()).isEqualTo(4 * (3 + 5));
  }

  @Test
  void optionsOverrideTheAnnotations() throws Exception {
    SuiteDuration.Plan plan = planOf("ClaimBenchmark\\.", "-f", "2", "-wi", "1", "-w", "2s", "-i", "2", "-r", "3s");
    assertThat(plan.forks()).isEqualTo(8);
    assertThat(plan.seconds()).isEqualTo(2 * 4 * (1 * 2 + 2 * 3));
  }

  @Test
  void parametersMultiplyAndSingleShotsAreCountedAsShots() throws Exception {
    // 3 job counts x 2 databases, 2 methods, 1 fork, 1 warm-up + 3 measured shots
    SuiteDuration.Plan plan = planOf("EvaluateAllScaleBenchmark\\.");
    assertThat(plan.trials()).isEqualTo(12);
    assertThat(plan.shots()).isEqualTo(12 * 4);
    assertThat(plan.seconds()).isZero();
    assertThat(planOf("EvaluateAllScaleBenchmark\\.", "-p", "jobs=1000").shots()).isEqualTo(4 * 4);
  }
}
