package dev.bms.plugins.email;

import dev.bms.testkit.notify.SampleNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.Secrets;
import dev.bms.spi.PluginContext;
import dev.bms.spi.notify.DeliveryException;
import dev.bms.spi.notify.Notifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailAuthTest {

  @RegisterExtension
  static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("bms@example.com", "bms-user", "s3cret pass"));

  /** The password comes as a secret reference, resolved here from a map standing in for the environment. */
  private static Notifier notifier(String password) {
    Secrets secrets = Secrets.of(List.of(Secrets.environment(Map.of("SMTP_PASSWORD", password)::get)), false);
    return new EmailNotifierFactory().create(new PluginConfig("notifier 'email'", Map.of(
        "host", "127.0.0.1",
        "port", String.valueOf(greenMail.getSmtp().getPort()),
        "from", "bms@example.com",
        "to", "ops@example.com",
        "tls", "NONE",
        "username", "bms-user",
        "password", "secret:env:SMTP_PASSWORD"), secrets), PluginContext.builder().secrets(secrets).build());
  }

  @Test
  void authenticatesWithTheConfiguredUser() throws Exception {
    try (Notifier n = notifier("s3cret pass")) {
      n.send(SampleNotifications.resolved());
    }
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("[bms] RESOLVED: Backup payroll-files failed");
  }

  @Test
  void wrongPasswordIsAPermanentFailure() {
    try (Notifier n = notifier("wrong")) {
      assertThatThrownBy(() -> n.send(SampleNotifications.resolved()))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("authentication failed");
          });
    }
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }
}
