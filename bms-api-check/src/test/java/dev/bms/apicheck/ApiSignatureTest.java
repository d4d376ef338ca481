package dev.bms.apicheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.bms.api.BackupManager;
import dev.bms.core.Bms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public API of bms-api and of bms-core's public packages must equal the signature files checked in
 * beside those modules. When an API change is intended, regenerate them and commit the diff with the change:
 * {@code mvn -B -pl bms-api-check -am verify -Dtest=ApiSignatureTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbms.api.update=true}.
 */
class ApiSignatureTest {
  static final String UPDATE_COMMAND = "mvn -B -pl bms-api-check -am verify -Dtest=ApiSignatureTest"
      + " -Dsurefire.failIfNoSpecifiedTests=false -Dbms.api.update=true";

  @ParameterizedTest(name = "{0}")
  @CsvSource({"bms-api, dev.bms.api.BackupManager", "bms-core, dev.bms.core.Bms"})
  void publicApiMatchesTheCheckedInSignature(String module, String anchorName) throws Exception {
    Class<?> anchor = Class.forName(anchorName);
    assertThat(anchor).isIn(BackupManager.class, Bms.class);
    String actual = ApiSignature.of(anchor);
    Path file = Path.of(System.getProperty("bms.api.root", ".."), module, "api", module + ".api");
    if (Boolean.parseBoolean(System.getProperty("bms.api.update", "false"))) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      fail("%s is missing; create it with: %s", file, UPDATE_COMMAND);
    }
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      fail("The public API of %s differs from %s.%n%s%nIf the change is intended, update the file with:%n  %s",
          module, file, diff(expected, actual), UPDATE_COMMAND);
    }
  }

  /** Lines only in the checked-in file (-) and only in the code (+), each under its type. */
  static String diff(String expected, String actual) throws IOException {
    Set<String> before = qualifiedLines(expected);
    Set<String> after = qualifiedLines(actual);
    List<String> out = new ArrayList<>();
    for (String line : before) {
      if (!after.contains(line)) {
        out.add("- " + line);
      }
    }
    for (String line : after) {
      if (!before.contains(line)) {
        out.add("+ " + line);
      }
    }
    return String.join(System.lineSeparator(), out.subList(0, Math.min(out.size(), 60)))
        + (out.size() > 60 ? System.lineSeparator() + "... and " + (out.size() - 60) + " more" : "");
  }

  private static Set<String> qualifiedLines(String signature) {
    Set<String> lines = new LinkedHashSet<>();
    String type = "";
    for (String line : signature.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (!line.startsWith("  ")) {
        type = line;
        lines.add(line);
      } else {
        lines.add(type.substring(type.lastIndexOf(' ') + 1) + " :: " + line.strip());
      }
    }
    return lines;
  }
}
