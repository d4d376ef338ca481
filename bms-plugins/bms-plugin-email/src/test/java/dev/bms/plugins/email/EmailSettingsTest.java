package dev.bms.plugins.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.InvalidConfigException;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.Secret;
import dev.bms.spi.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailSettingsTest {

  /** SMTP_PASSWORD resolves to " p " (spaces kept: a secret is used as given). */
  private static final Secrets SECRETS = Secrets.of(List.of(Secrets.environment(Map.of("SMTP_PASSWORD", " p ")::get)), false);

  private static EmailSettings settings(Map<String, String> values) {
    return EmailSettings.from(new PluginConfig("notifier 'email'", values, SECRETS));
  }

  @Test
  void appliesDefaults() {
    EmailSettings s = settings(Map.of("host", "smtp.example.com", "from", "bms@example.com", "to", "ops@example.com"));
    assertThat(s.port()).isEqualTo(587);
    assertThat(s.tls()).isEqualTo(TlsMode.STARTTLS);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.subjectPrefix()).isEqualTo("[bms]");
    assertThat(s.username()).isEmpty();
    assertThat(s.password()).isEmpty();
    assertThat(s.to()).hasSize(1);
  }

  @Test
  void readsEveryKey() {
    EmailSettings s = settings(Map.of("host", "smtp.example.com", "port", "465", "from", "bms@example.com",
        "to", "a@example.com,b@example.com", "username", "u", "password", "secret:env:SMTP_PASSWORD", "tls", "ssl",
        "timeout", "30s", "subjectPrefix", "[backups]"));
    assertThat(s.port()).isEqualTo(465);
    assertThat(s.tls()).isEqualTo(TlsMode.SSL);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.to()).extracting(a -> a.getAddress()).containsExactly("a@example.com", "b@example.com");
    assertThat(s.username()).contains("u");
    assertThat(s.password().map(Secret::reveal)).isEqualTo(Optional.of(" p "));
    assertThat(s.subjectPrefix()).isEqualTo("[backups]");
    assertThat(s.toString()).doesNotContain(" p ").contains("password=***");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> settings(Map.of(
        "port", "99999",
        "from", "not an address",
        "to", "ops@example.com, bob,,x@example.com",
        "password", "secret:env:SMTP_PASSWORD",
        "tls", "maybe",
        "timeout", "soon",
        "hots", "smtp.example.com")))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
          assertThat(e.component()).isEqualTo("notifier 'email'");
          assertThat(e.problems()).hasSize(9);
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).isEqualTo("host: is required"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("port: '99999' must be between 1 and 65535"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("from: 'not an address' is not a valid email address"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("to: 'bob' is not a valid email address"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).isEqualTo("to: 'ops@example.com, bob,,x@example.com' has an empty address (a stray comma?)"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("password: is set but username is not"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("tls: 'maybe' is not one of [NONE, STARTTLS, SSL]"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("timeout: 'soon' is not a duration"));
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).isEqualTo("hots: unknown key for notifier 'email'"));
        });
  }

  @Test
  void refusesALiteralPasswordNamingTheKeyButNotTheValue() {
    assertThatThrownBy(() -> settings(Map.of("host", "h", "from", "bms@example.com", "to", "ops@example.com",
        "username", "u", "password", "hunter2-literal")))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
          assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("password: holds a literal secret"));
          assertThat(e.getMessage()).doesNotContain("hunter2-literal");
        });
  }

  @Test
  void acceptsALiteralPasswordWhenTheApplicationAllowsIt() {
    EmailSettings s = EmailSettings.from(new PluginConfig("notifier 'email'", Map.of("host", "h",
        "from", "bms@example.com", "to", "ops@example.com", "username", "u", "password", "hunter2-literal"),
        Secrets.of(List.of(), true)));
    assertThat(s.password().map(Secret::reveal)).contains("hunter2-literal");
    assertThat(s.toString()).doesNotContain("hunter2-literal");
  }

  @Test
  void rejectsAZeroTimeoutAndAnEmptyRecipientList() {
    assertThatThrownBy(() -> settings(Map.of("host", "h", "from", "bms@example.com", "to", " , ", "timeout", "0s")))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "to: ',' has an empty address (a stray comma?)",
            "timeout: '0s' must be positive and below 24 days"));
  }
}
