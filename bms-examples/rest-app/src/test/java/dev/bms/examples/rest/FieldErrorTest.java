package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.UnknownPluginException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldErrorTest {
  @Test
  void bmsProblemLinesBecomeJsonPaths() {
    assertThat(FieldError.fromProblem("name: must not be blank")).isEqualTo(new FieldError("name", "must not be blank"));
    assertThat(FieldError.fromProblem("copies[1].name: 'x' is used by another copy of this job").field()).isEqualTo("copies[1].name");
    assertThat(FieldError.fromProblem("copies[2] 'nas' (filesystem) root: '/x' is not an existing directory"))
        .isEqualTo(new FieldError("copies[2].config.root", "'/x' is not an existing directory"));
    assertThat(FieldError.fromProblem("source (directory) path: is required"))
        .isEqualTo(new FieldError("source.config.path", "is required"));
    assertThat(FieldError.fromProblem("something without a field")).isEqualTo(new FieldError("", "something without a field"));
  }

  @Test
  void unknownPluginsPointAtTheTypeField() {
    assertThat(ErrorResponses.unknownPluginField(new UnknownPluginException("source", "x", Set.of(), "source"))).isEqualTo("source.type");
    assertThat(ErrorResponses.unknownPluginField(new UnknownPluginException("target", "s3", Set.of("filesystem"), "copies[3] 'cloud'")))
        .isEqualTo("copies[3].targetType");
  }
}
