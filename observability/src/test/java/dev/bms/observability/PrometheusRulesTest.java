package dev.bms.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The alert rules are valid, and each one fires on its fault and stays quiet on healthy input. */
class PrometheusRulesTest {
  static final Path DIR = Path.of("prometheus");

  @Test
  void rulesAreValid() throws Exception {
    Promtool.Result result = Promtool.run(DIR, "check", "rules", "bms-rules.yml");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void everyRuleHasPassingUnitTestsThatFireAndStayQuiet() throws Exception {
    Promtool.Result result = Promtool.run(DIR, "test", "rules", "bms-rules.test.yml");
    assertThat(result.exitCode()).as(result.output()).isZero();

    Set<String> rules = names(Files.readString(DIR.resolve("bms-rules.yml")), "- alert: (\\w+)");
    String tests = Files.readString(DIR.resolve("bms-rules.test.yml"));
    assertThat(rules).hasSizeGreaterThanOrEqualTo(24);
    assertThat(names(tests, "name: (\\w+) fires")).containsExactlyInAnyOrderElementsOf(rules);
    assertThat(names(tests, "name: (\\w+) stays quiet")).containsExactlyInAnyOrderElementsOf(rules);
  }

  @Test
  void rulesCoverEverySeverity() throws Exception {
    String rules = Files.readString(DIR.resolve("bms-rules.yml"));
    assertThat(names(rules, "severity: (\\w+)")).contains("critical", "warning", "info");
  }

  static Set<String> names(String text, String regex) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
