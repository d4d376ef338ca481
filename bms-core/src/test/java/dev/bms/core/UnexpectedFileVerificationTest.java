package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Verification;
import dev.bms.api.model.VerificationLevel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core compares what a target lists with the manifest, even for a target keeping the default verify. */
class UnexpectedFileVerificationTest {
  @TempDir
  Path dir;

  private BackupManager bms;

  @AfterEach
  void close() {
    bms.close();
  }

  @Test
  void aFileAddedToACopyAfterCommitIsReportedUnexpected() throws Exception {
    bms = TestBms.builder(dir, new SimpleMeterRegistry()).plugin(new LabPlugin()).build();
    bms.start();
    JobId id = bms.jobs().create(BackupJob.builder("smuggled")
        .source("directory", Map.of("path", TestBms.sampleTree(dir.resolve("src")).toString()))
        .copy(CopySpec.target("lab", LabPlugin.lab("OBJECT_STORAGE", "lab", false, false, false, "none")).named("lab"))
        .build());
    Execution run = bms.executions().runNow(id);
    String location = run.copies().get(0).location().orElseThrow();
    assertThat(bms.verifications().verify(run.id(), VerificationLevel.CHECKSUM).copies().get(0).report().problems())
        .as("before anything was added").isEmpty();

    LabPlugin.STORE.get(location).put("a/smuggled.sh", "rm -rf /\n".getBytes(StandardCharsets.UTF_8));

    Verification check = bms.verifications().verify(run.id(), VerificationLevel.CHECKSUM);
    assertThat(check.copies().get(0).report().problems()).extracting(IntegrityProblem::path, IntegrityProblem::kind)
        .containsExactly(tuple("a/smuggled.sh", IntegrityProblem.Kind.UNEXPECTED));
  }
}
