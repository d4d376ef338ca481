package dev.bms.apicheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The check names what changed: a removed or added member appears under its type (public: its nested sample type must be reachable). */
public class ApiSignatureDiffTest {
  /** A public type of this test's own classes, so its signature is known here. */
  public interface Sample {
    String name();
  }

  @Test
  void signatureListsPublicMembersWithGenericTypes() {
    String signature = ApiSignature.of(ApiSignatureDiffTest.class);
    assertThat(signature).contains("interface dev.bms.apicheck.ApiSignatureDiffTest$Sample\n"
        + "  method public abstract java.lang.String dev.bms.apicheck.ApiSignatureDiffTest$Sample.name()\n");
    // package-private types are not API
    assertThat(signature).doesNotContain("class dev.bms.apicheck.ApiSignature\n");
  }

  @Test
  void diffNamesRemovedAndAddedMembersUnderTheirType() throws Exception {
    String before = "interface a.B\n  method public abstract void a.B.x()\n";
    String after = "interface a.B\n  method public abstract void a.B.y(int)\n";
    assertThat(ApiSignatureTest.diff(before, after).lines())
        .containsExactly("- a.B :: method public abstract void a.B.x()", "+ a.B :: method public abstract void a.B.y(int)");
  }
}
