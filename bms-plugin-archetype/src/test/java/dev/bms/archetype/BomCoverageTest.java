package dev.bms.archetype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * bms-bom is the version set applications and plugins import: it must carry the reactor's version
 * and manage every artifact bms publishes for them (build-only modules excepted).
 */
class BomCoverageTest {
  /** Modules that are not dependencies of anyone's application or plugin. */
  private static final Set<String> NOT_FOR_USERS = Set.of("bms-parent", "bms-bom", "bms-plugins",
      "bms-benchmarks", "bms-fault-tests", "bms-api-check", "bms-plugin-archetype");

  private final Path root = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theBomHasTheReactorsVersionAndManagesEveryPublishedModule() throws IOException {
    String bom = Files.readString(root.resolve("bms-bom/pom.xml"));
    String reactorVersion = firstTag(Files.readString(root.resolve("pom.xml")), "version");
    assertThat(firstTag(bom.substring(bom.indexOf("<artifactId>bms-bom</artifactId>")), "version"))
        .as("bms-bom's own version").isEqualTo(reactorVersion);
    assertThat(bom).contains("<bms.version>" + reactorVersion + "</bms.version>");

    List<String> published = new ArrayList<>();
    try (Stream<Path> poms = Files.walk(root, 3)) {
      for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/bms-examples/")
              && !p.toString().contains("/archetype-resources/")).toList()) {
        String text = Files.readString(pom);
        int afterParent = text.contains("</parent>") ? text.indexOf("</parent>") : 0;
        String artifactId = firstTag(text.substring(afterParent), "artifactId");
        if (!NOT_FOR_USERS.contains(artifactId)) {
          published.add(artifactId);
        }
      }
    }
    assertThat(published).contains("bms-api", "bms-core", "bms-testkit", "bms-plugin-filesystem");
    for (String artifactId : published) {
      assertThat(bom).as("bms-bom manages %s", artifactId)
          .contains("<artifactId>" + artifactId + "</artifactId><version>${bms.version}</version>");
    }
  }

  private static String firstTag(String xml, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(xml);
    assertThat(m.find()).as("<%s> found", tag).isTrue();
    return m.group(1).trim();
  }
}
