package dev.bms.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart end to end, twice, in a temporary directory: what it tells a newcomer, and the restored file. */
class QuickstartTest {
  @TempDir
  Path dir;

  private String run(Path source) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      assertThat(Quickstart.run(dir.resolve("work"), dir.resolve("bms-data"), source, out)).isTrue();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void backsUpExplainsAndRestoresOneFileWithAMatchingHash() throws Exception {
    Path source = Files.createDirectories(dir.resolve("src/reports"));
    Files.writeString(source.resolve("ledger.log"), "line\n".repeat(1000));
    Files.writeString(dir.resolve("src/README.txt"), "hello\n");

    String first = run(dir.resolve("src"));
    assertThat(first).contains("Status     SUCCEEDED")
        .contains(dir.resolve("bms-data").resolve("db") + ".mv.db")
        .contains("The hashes match")
        .contains("Restored   reports/ledger.log (5,000 bytes) from copy primary, SUCCEEDED");
    // two folders on one disk: the medium and offsite digits fail, and it says what would make them pass
    assertThat(first).containsPattern("2-media +FAIL").contains("to pass: put a copy on a second kind of medium")
        .containsPattern("1-offsite +FAIL").contains("- Alerts: bms raised");
    assertThat(Files.readString(dir.resolve("work/restored/reports/ledger.log"))).isEqualTo("line\n".repeat(1000));

    // a second run overwrites the restored file and shows two executions
    String second = run(dir.resolve("src"));
    assertThat(second).contains("The hashes match").contains("(newest first, 2 shown)");
  }
}
