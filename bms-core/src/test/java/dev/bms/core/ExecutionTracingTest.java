package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.VerificationLevel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an application's ObservationRegistry and a tracing handler (here the Micrometer tracing test
 * kit's SimpleTracer), one managed run is a span tree: the execution, a child span per copy (the
 * failed copy carries its error), and the verification of that restore point.
 */
class ExecutionTracingTest {
  @TempDir
  Path dir;

  @Test
  void oneManagedRunIsASpanTreeOfTheExecutionAndItsCopies() throws Exception {
    SimpleTracer tracer = new SimpleTracer();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
    Path src = TestBms.sampleTree(dir.resolve("src"));
    Execution run;
    try (BackupManager bms = TestBms.builder(dir, new SimpleMeterRegistry()).observationRegistry(observations).build()) {
      bms.start();
      JobId id = bms.jobs().create(BackupJob.builder("traced")
          .source("directory", Map.of("path", src.toString()))
          .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("t"))).named("local"))
          .copy(CopySpec.target("failing", Map.of()).named("broken"))
          .build());
      run = bms.executions().runNow(id);
      assertThat(run.status()).isEqualTo(ExecutionStatus.PARTIAL);
      bms.verifications().verify(run.id(), VerificationLevel.CHECKSUM);
    }

    List<SimpleSpan> spans = List.copyOf(tracer.getSpans());
    SimpleSpan execution = named(spans, "bms execution traced");
    assertThat(execution.getParentId()).isNullOrEmpty();
    assertThat(execution.getTags()).containsEntry("bms.execution", run.id().toString())
        .containsEntry("bms.job.name", "traced").containsEntry("bms.mode", "MANAGED").containsEntry("bms.status", "PARTIAL");

    SimpleSpan local = named(spans, "bms copy local");
    SimpleSpan broken = named(spans, "bms copy broken");
    for (SimpleSpan copy : List.of(local, broken)) {
      assertThat(copy.getParentId()).isEqualTo(execution.getSpanId());
      assertThat(copy.getTraceId()).isEqualTo(execution.getTraceId());
    }
    assertThat(local.getTags()).containsEntry("bms.status", "SUCCEEDED").containsEntry("bms.target", "filesystem");
    assertThat(local.getError()).isNull();
    assertThat(broken.getTags()).containsEntry("bms.status", "FAILED").containsEntry("bms.target", "failing");
    assertThat(broken.getError()).isNotNull();

    SimpleSpan verification = named(spans, "bms verification checksum");
    assertThat(verification.getTags()).containsEntry("bms.execution", run.id().toString())
        .containsEntry("bms.level", "CHECKSUM");
  }

  private static SimpleSpan named(List<SimpleSpan> spans, String name) {
    assertThat(spans).extracting(SimpleSpan::getName).contains(name);
    return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }
}
