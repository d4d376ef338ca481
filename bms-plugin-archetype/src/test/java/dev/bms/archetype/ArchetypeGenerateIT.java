package dev.bms.archetype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Generates a plugin project from the archetype jar just built ({@code archetype:generate}) and
 * runs {@code mvn verify} in it: the generated kit test must run and pass.
 *
 * <p>Both builds use a private local repository under {@code target/it-repo}: the bms artifacts
 * the generated project needs (parent, BOM, bms-api, bms-testkit, the archetype) are copied there
 * from this reactor's modules, never installed into the shared {@code ~/.m2}. Everything else is
 * read from the building Maven's own local repository, offered as a {@code file:} repository
 * (fast and offline-friendly), with Maven Central behind it for whatever that lacks.
 */
class ArchetypeGenerateIT {
  private static final String ARCHETYPE_PLUGIN = "org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate";

  private final String version = System.getProperty("bms.version");
  private final Path root = Path.of(System.getProperty("bms.root")).toAbsolutePath().normalize();
  private final Path target = Path.of("target").toAbsolutePath();
  private final Path repo = target.resolve("it-repo");

  @Test
  void generatedProjectPassesVerifyAsGenerated() throws Exception {
    seedBmsArtifacts();
    Path settings = writeSettings();
    Path work = target.resolve("it-work");
    deleteTree(work);
    Files.createDirectories(work);

    run(work, settings, ARCHETYPE_PLUGIN, "-DinteractiveMode=false", "-DarchetypeCatalog=local",
        "-DarchetypeGroupId=dev.bms", "-DarchetypeArtifactId=bms-plugin-archetype", "-DarchetypeVersion=" + version,
        "-DgroupId=com.example.vault", "-DartifactId=vault-bms-plugin", "-Dversion=1.0.0-SNAPSHOT",
        "-Dpackage=com.example.vault", "-DtargetType=vault", "-DclassPrefix=Vault");

    Path project = work.resolve("vault-bms-plugin");
    Path sources = project.resolve("src/main/java/com/example/vault");
    assertThat(sources.resolve("VaultPlugin.java")).exists();
    assertThat(sources.resolve("VaultTargetFactory.java")).content().contains("public static final String TYPE = \"vault\";");
    assertThat(sources.resolve("VaultTarget.java")).exists();
    assertThat(sources.resolve("VaultWriteSession.java")).exists();
    assertThat(project.resolve("src/main/resources/META-INF/services/dev.bms.spi.BmsPlugin"))
        .content().isEqualToIgnoringWhitespace("com.example.vault.VaultPlugin");
    assertThat(project.resolve("src/test/java/com/example/vault/VaultTargetTest.java")).exists();
    assertThat(project.resolve("pom.xml")).content().contains("<bms.version>" + version + "</bms.version>");

    run(project, settings, "verify");

    Path report = project.resolve("target/surefire-reports/com.example.vault.VaultTargetTest.txt");
    assertThat(report).exists();
    Matcher m = Pattern.compile("Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+), Skipped: (\\d+)")
        .matcher(Files.readString(report));
    assertThat(m.find()).as("surefire summary in %s", report).isTrue();
    assertThat(Integer.parseInt(m.group(1))).as("kit tests run: every test of BackupTargetContract")
        .isEqualTo(kitTests());
    assertThat(m.group(2) + "/" + m.group(3)).as("failures/errors").isEqualTo("0/0");
    assertThat(project.resolve("target/vault-bms-plugin-1.0.0-SNAPSHOT.jar")).exists();
  }

  private int kitTests() throws IOException {
    String kit = Files.readString(root.resolve("bms-testkit/src/main/java/dev/bms/testkit/target/BackupTargetContract.java"));
    return (int) Pattern.compile("^\\s*@Test\\s*$", Pattern.MULTILINE).matcher(kit).results().count();
  }

  /** Lays the bms artifacts out in the private repository as an install would, without Maven. */
  private void seedBmsArtifacts() throws IOException {
    copy(root.resolve("pom.xml"), "bms-parent", "pom");
    copy(root.resolve("bms-bom/pom.xml"), "bms-bom", "pom");
    copy(root.resolve("bms-api/pom.xml"), "bms-api", "pom");
    copy(jar("bms-api"), "bms-api", "jar");
    copy(root.resolve("bms-testkit/pom.xml"), "bms-testkit", "pom");
    copy(jar("bms-testkit"), "bms-testkit", "jar");
    copy(root.resolve("bms-plugin-archetype/pom.xml"), "bms-plugin-archetype", "pom");
    copy(Path.of(System.getProperty("archetype.jar")), "bms-plugin-archetype", "jar");
  }

  private Path jar(String module) {
    Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
    assertThat(jar).as("%s must be packaged first (build the reactor, or -am)", module).exists();
    return jar;
  }

  private void copy(Path from, String artifactId, String extension) throws IOException {
    Path dir = repo.resolve("dev/bms").resolve(artifactId).resolve(version);
    Files.createDirectories(dir);
    Files.copy(from, dir.resolve(artifactId + "-" + version + "." + extension), StandardCopyOption.REPLACE_EXISTING);
  }

  private Path writeSettings() throws IOException {
    String seed = Path.of(System.getProperty("seed.repo")).toUri().toString();
    String repository = "<id>seed</id><url>" + seed + "</url>"
        + "<releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>"
        + "<snapshots><enabled>false</enabled></snapshots>"; // a local repository keeps no checksums of some files
    String xml = "<settings><profiles><profile><id>seed</id>"
        + "<repositories><repository>" + repository + "</repository></repositories>"
        + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
        + "</profile></profiles><activeProfiles><activeProfile>seed</activeProfile></activeProfiles></settings>";
    Path settings = target.resolve("it-settings.xml");
    Files.writeString(settings, xml, StandardCharsets.UTF_8);
    return settings;
  }

  private void run(Path dir, Path settings, String... args) throws Exception {
    String mavenHome = System.getProperty("maven.home");
    List<String> command = new ArrayList<>();
    command.add(mavenHome == null ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString());
    command.addAll(List.of("-B", "-s", settings.toString(), "-Dmaven.repo.local=" + repo));
    command.addAll(List.of(args));
    Path log = target.resolve("it-" + args[0].replaceAll("[^a-z]", "") + ".log");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command + "; log " + log);
    }
    assertThat(p.exitValue()).as("%s in %s failed; log:%n%s", command, dir, tail(log)).isZero();
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
