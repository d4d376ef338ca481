package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.BackupManager;
import dev.bms.api.InvalidConfigException;
import dev.bms.api.InvalidJobException;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Inputs;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.PageRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile text in a job or the builder (NUL and other control characters, a 1 MB name) is refused
 * with a typed exception naming the field, a message of readable length, and nothing written.
 */
class JobInputBoundsTest {
  private static final int READABLE = 1_000;

  @TempDir
  Path dir;
  BackupManager bms;

  @BeforeEach
  void start() {
    bms = TestBms.started(dir, new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    bms.close();
  }

  private void refused(UnaryOperator<BackupJob.Builder> hostile, String field) {
    BackupJob.Builder b = BackupJob.builder("job").copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("t"))));
    assertThatThrownBy(() -> bms.jobs().create(hostile.apply(b).build()))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining(field)
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(READABLE))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000"));
    assertThat(bms.jobs().list(JobFilter.all(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void hostileTextInAJobIsRefusedNamingTheFieldWithAShortMessage() {
    refused(b -> b.name("x".repeat(1_000_000)), "name: 'xxxx");
    refused(b -> b.name("nul\u0000name"), "name: 'nul\\u0000name'");
    refused(b -> b.name("line\nbreak"), "name: 'line\\u000abreak'");
    refused(b -> b.label("owner", "a\u0000b"), "labels.owner");
    refused(b -> b.label("owner", "y".repeat(1_000_000)), "labels.owner");
    refused(b -> b.label("k\u0000" + "z".repeat(1_000_000), "v"), "labels: key");
    refused(b -> b.description("escape\u001b[31m"), "description");
    refused(b -> b.description("d".repeat(Inputs.MAX_TEXT_LENGTH + 1)), "description");
    refused(b -> b.clearCopies().copy(CopySpec.target("filesystem", Map.of()).named("c\u0000".repeat(500_000))),
        "copies[0].name");
    // free text keeps its line breaks and tabs
    bms.jobs().create(BackupJob.builder("job").description("line one\n\tline two")
        .copy(CopySpec.target("filesystem", TestBms.fsTarget(dir.resolve("t")))).build());
  }

  @Test
  void instanceIdWithAControlCharacterOrOfAMegabyteIsRefused() {
    for (String hostile : new String[] {"node-1\nnode-2", "nul\u0000", "i".repeat(1_000_000)}) {
      assertThatThrownBy(() -> Bms.builder().instanceId(hostile))
          .isInstanceOf(InvalidConfigException.class).hasMessageContaining("instanceId")
          .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(READABLE));
    }
    assertThatThrownBy(() -> Bms.builder().instanceId(null)).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("instanceId");
  }

  @Test
  void excerptEscapesControlCharactersAndCutsLongValues() {
    assertThat(Inputs.excerpt("a\u0000b\nc")).isEqualTo("a\\u0000b\\u000ac");
    assertThat(Inputs.excerpt("x".repeat(100))).isEqualTo("x".repeat(Inputs.EXCERPT_LENGTH) + "... (100 chars)");
    assertThat(Inputs.excerpt(null)).isEqualTo("null");
  }
}
