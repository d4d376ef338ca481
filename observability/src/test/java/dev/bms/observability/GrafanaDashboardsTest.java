package dev.bms.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four dashboards parse, every panel has a query, every query is valid PromQL (promtool checks each as a
 * recording rule, with Grafana's {@code $__rate_interval} set to 5m), and docs/observability.md lists every panel.
 */
class GrafanaDashboardsTest {
  static final Path DIR = Path.of("grafana");

  @Test
  void everyPanelHasValidQueriesAndIsDocumented(@TempDir Path tmp) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSize(4);
    String docs = Files.readString(Path.of("..", "docs", "observability.md"));
    List<String> exprs = new ArrayList<>();
    int panels = 0;
    for (Path file : files) {
      JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
      assertThat(dashboard.path("uid").asText()).as(file.toString()).isNotBlank();
      for (JsonNode panel : dashboard.path("panels")) {
        panels++;
        String title = panel.path("title").asText();
        assertThat(panel.path("targets")).as(title).isNotEmpty();
        assertThat(docs).as("docs list panel " + title).contains("| " + title + " |");
        for (JsonNode target : panel.path("targets")) {
          String expr = target.path("expr").asText();
          assertThat(expr).as(title).isNotBlank();
          exprs.add(expr.replace("$__rate_interval", "5m"));
        }
      }
    }
    assertThat(panels).isGreaterThanOrEqualTo(45);

    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
    for (int i = 0; i < exprs.size(); i++) {
      rules.append("      - record: dashboard:query").append(i).append("\n        expr: '")
          .append(exprs.get(i).replace("'", "''")).append("'\n");
    }
    Files.writeString(tmp.resolve("queries.yml"), rules);
    Promtool.Result result = Promtool.run(tmp, "check", "rules", "queries.yml");
    assertThat(result.exitCode()).as(result.output()).isZero();
  }
}
