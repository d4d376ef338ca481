package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {
  @Test
  void argumentsOverrideEnvironmentVariables() {
    AppConfig c = AppConfig.from(Map.of("BMS_PORT", "9000", "BMS_PG_URL", "jdbc:postgresql://db/x", "PATH", "/bin"),
        "--port=9100", "--api-keys=ops:operator:0123456789abcdef0123,ro:viewer:abcdef0123456789abcd", "--rate-limit=20/5");
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.postgresUrl()).hasValue("jdbc:postgresql://db/x");
    assertThat(c.apiKeys()).extracting(ApiKey::name).containsExactly("ops", "ro");
    assertThat(c.apiKeys().get(0).role()).isEqualTo(Role.OPERATOR);
    assertThat(c.keysGenerated()).isFalse();
    assertThat(c.rateLimit()).isEqualTo(new RateLimit(20, 5));
  }

  @Test
  void withoutKeysOnePerRoleIsGenerated() {
    AppConfig c = AppConfig.from(Map.of());
    assertThat(c.keysGenerated()).isTrue();
    assertThat(c.apiKeys()).extracting(ApiKey::role).containsExactly(Role.VIEWER, Role.OPERATOR, Role.ADMIN, Role.AUDITOR);
    assertThat(c.apiKeys()).allSatisfy(k -> assertThat(k.secret()).hasSize(32));
    assertThat(c.apiKeys().get(0).toString()).doesNotContain(c.apiKeys().get(0).secret());
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> AppConfig.from(Map.of(), "--prot=80")).hasMessageContaining("prot");
    assertThatThrownBy(() -> AppConfig.from(Map.of(), "--port=eighty")).hasMessageContaining("port");
    assertThatThrownBy(() -> AppConfig.from(Map.of(), "--api-keys=x:root:0123456789abcdef0123")).hasMessageContaining("unknown role");
    assertThatThrownBy(() -> AppConfig.from(Map.of(), "--api-keys=x:viewer:short")).hasMessageContaining("16");
    assertThatThrownBy(() -> AppConfig.from(Map.of(), "--rate-limit=lots")).hasMessageContaining("rate limit");
    assertThatThrownBy(() -> AppConfig.from(Map.of(), "--api-keys=a:viewer:0123456789abcdef0123,b:admin:0123456789abcdef0123"))
        .hasMessageContaining("reuses");
  }

  @Test
  void rolesAreOrdered() {
    assertThat(Role.ADMIN.grants(Role.OPERATOR)).isTrue();
    assertThat(Role.OPERATOR.grants(Role.VIEWER)).isTrue();
    assertThat(Role.VIEWER.grants(Role.OPERATOR)).isFalse();
    assertThat(Role.OPERATOR.grants(Role.ADMIN)).isFalse();
    assertThat(Role.AUDITOR.grants(Role.VIEWER)).isTrue();
    assertThat(Role.AUDITOR.grants(Role.OPERATOR)).isFalse();
    assertThat(Role.ADMIN.grants(Role.AUDITOR)).isFalse();
    assertThat(Role.parse("Auditor")).isEqualTo(Role.AUDITOR);
  }
}
