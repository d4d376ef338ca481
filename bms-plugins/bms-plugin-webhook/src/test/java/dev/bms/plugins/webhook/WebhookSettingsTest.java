package dev.bms.plugins.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.InvalidConfigException;
import dev.bms.spi.PluginConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

  private static WebhookSettings settings(Map<String, String> values) {
    return WebhookSettings.from(new PluginConfig("notifier 'webhook'", values));
  }

  @Test
  void appliesDefaults() {
    WebhookSettings s = settings(Map.of("url", "https://hooks.example.com/bms"));
    assertThat(s.url()).isEqualTo(URI.create("https://hooks.example.com/bms"));
    assertThat(s.format()).isEqualTo(PayloadFormat.GENERIC);
    assertThat(s.headers()).isEmpty();
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.maxAttempts()).isEqualTo(3);
    assertThat(s.delays()).isEqualTo(new RetryDelays(Duration.ofMillis(500), Duration.ofSeconds(10)));
  }

  @Test
  void readsEveryKey() {
    WebhookSettings s = settings(Map.of("url", "http://10.0.0.5:8080/alerts", "format", "slack",
        "headers", "Authorization: Bearer abc:def; X-Api-Key:  k1 ;", "timeout", "3s", "maxAttempts", "5",
        "initialBackoff", "250ms", "maxBackoff", "1m"));
    assertThat(s.format()).isEqualTo(PayloadFormat.SLACK);
    assertThat(s.headers()).containsExactly(Map.entry("Authorization", "Bearer abc:def"), Map.entry("X-Api-Key", "k1"));
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.maxAttempts()).isEqualTo(5);
    assertThat(s.delays()).isEqualTo(new RetryDelays(Duration.ofMillis(250), Duration.ofMinutes(1)));
    assertThat(s.toString()).doesNotContain("abc").doesNotContain("/alerts").contains("[Authorization, X-Api-Key]");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> settings(Map.of(
        "url", "ftp://files.example.com/x",
        "format", "discord",
        "headers", "Authorization Bearer x; Host: evil; Bad Name: v; X-Empty: ",
        "timeout", "0s",
        "maxAttempts", "0",
        "initialBackoff", "5s",
        "maxBackoff", "1s",
        "retries", "3")))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "url: 'ftp://files.example.com/…' must be an http or https URL",
            "format: 'discord' is not one of [GENERIC, SLACK, TEAMS]",
            "headers: 'Authorization Bearer x' is not 'Name: value'",
            "headers: 'Host' cannot be configured (bms or the HTTP client sets it)",
            "headers: 'Bad Name' is not a valid header name",
            "headers: 'X-Empty' has an empty value",
            "timeout: '0s' must be positive",
            "maxAttempts: '0' must be between 1 and 20",
            "maxBackoff: '1s' must not be shorter than initialBackoff (PT5S)",
            "retries: unknown key for notifier 'webhook'"));
  }

  @Test
  void urlIsRequiredAndMustHaveAHost() {
    assertThatThrownBy(() -> settings(Map.of()))
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.problems()).containsExactly("url: is required"));
    assertThatThrownBy(() -> settings(Map.of("url", "https:///path")))
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.problems()).singleElement().asString().startsWith("url: "));
    assertThatThrownBy(() -> settings(Map.of("url", "http://exa mple.com")))
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.problems()).singleElement().asString().contains("is not a valid URL"));
  }

  @Test
  void idempotencyKeyIsReserved() {
    assertThatThrownBy(() -> settings(Map.of("url", "https://h.example.com", "headers", "idempotency-key: x")))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
            .containsExactly("headers: 'idempotency-key' cannot be configured (bms or the HTTP client sets it)"));
  }

  @Test
  void redactsPathAndQuery() {
    assertThat(WebhookSettings.redact("https://hooks.slack.com/services/T0/B0/XXXX")).isEqualTo("https://hooks.slack.com/…");
    assertThat(WebhookSettings.redact("https://example.com:8443?sig=abc")).isEqualTo("https://example.com:8443/…");
    assertThat(WebhookSettings.redact("https://example.com/")).isEqualTo("https://example.com");
  }
}
