package dev.bms.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginConfigSecretsTest {
  private static final String VALUE = "pa55-w0rd-that-must-not-leak";

  @TempDir
  Path dir;

  @Test
  void aFileReferenceResolvesWithoutItsTrailingLineBreak() throws IOException {
    Path file = Files.writeString(dir.resolve("pw"), VALUE + "\n");
    PluginConfig config = new PluginConfig("target 't'", Map.of("password", "secret:file:" + file));

    Optional<Secret> secret = config.requireSecret("password");
    config.validate();

    assertThat(secret).map(Secret::reveal).contains(VALUE);
  }

  @Test
  void anEnvReferenceResolvesThroughTheEnvironmentGiven() {
    Secrets secrets = Secrets.of(List.of(Secrets.environment(Map.of("S3_KEY", VALUE)::get)), false);
    PluginConfig config = new PluginConfig("target 't'", Map.of("secretKey", "secret:env:S3_KEY"), secrets);

    assertThat(config.requireSecret("secretKey")).map(Secret::reveal).contains(VALUE);
    assertThat(config.problems()).isEmpty();
  }

  @Test
  void anApplicationResolverAnswersItsScheme() {
    SecretResolver vault = new SecretResolver() {
      @Override
      public String scheme() {
        return "vault";
      }

      @Override
      public Optional<Secret> resolve(String name) {
        return name.equals("backup/sftp") ? Optional.of(Secret.of(VALUE)) : Optional.empty();
      }
    };
    Secrets secrets = Secrets.of(List.of(vault), false);

    PluginConfig ok = new PluginConfig("target 't'", Map.of("password", "secret:vault:backup/sftp"), secrets);
    assertThat(ok.requireSecret("password")).map(Secret::reveal).contains(VALUE);

    PluginConfig missing = new PluginConfig("target 't'", Map.of("password", "secret:vault:nope"), secrets);
    assertThat(missing.requireSecret("password")).isEmpty();
    assertThat(missing.problems()).containsExactly("password: reference 'secret:vault:nope' resolves to nothing (vault has no secret 'nope')");
  }

  @Test
  void aLiteralIsRefusedWithoutShowingItUnlessAllowed() {
    PluginConfig refused = new PluginConfig("target 't'", Map.of("password", VALUE));

    assertThat(refused.requireSecret("password")).isEmpty();
    assertThatThrownBy(refused::validate).isInstanceOf(InvalidConfigException.class)
        .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).singleElement().asString()
            .startsWith("password: holds a literal secret").doesNotContain(VALUE));

    PluginConfig allowed = new PluginConfig("target 't'", Map.of("password", VALUE), Secrets.of(List.of(), true));
    assertThat(allowed.requireSecret("password")).map(Secret::reveal).contains(VALUE);
  }

  @Test
  void unknownSchemesAndMissingSourcesAreProblemsOfTheKey() {
    PluginConfig config = new PluginConfig("target 't'", Map.of("a", "secret:nosuch:x", "b", "secret:env",
        "c", "secret:file:" + dir.resolve("absent")));

    config.optionalSecret("a");
    config.optionalSecret("b");
    config.optionalSecret("c");
    config.requireSecret("d");

    assertThat(config.problems()).satisfiesExactly(
        p -> assertThat(p).startsWith("a: reference 'secret:nosuch:x' names scheme 'nosuch', which no resolver provides (known: env, file)"),
        p -> assertThat(p).startsWith("b: reference 'secret:env' must be secret:<scheme>:<name>"),
        p -> assertThat(p).startsWith("c: reference 'secret:file:").contains("resolves to nothing"),
        p -> assertThat(p).isEqualTo("d: is required (a secret reference such as secret:env:NAME)"));
  }

  @Test
  void aSecretNeverPrintsItsValue() {
    Secret secret = Secret.of(VALUE);

    assertThat(secret.toString()).isEqualTo("Secret[redacted]");
    assertThat(String.valueOf(Optional.of(secret))).doesNotContain(VALUE);
    assertThat(secret.reveal()).isEqualTo(VALUE);
  }

  @Test
  void twoResolversForOneSchemeAreRefused() {
    SecretResolver a = Secrets.environment(k -> null);
    assertThatThrownBy(() -> Secrets.of(List.of(a, a), false)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two secret resolvers for scheme 'env'");
  }
}
