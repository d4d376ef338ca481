package dev.bms.plugins.email;

import dev.bms.testkit.notify.SampleNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.notify.DeliveryException;
import dev.bms.spi.notify.Notifier;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * tls=SSL really speaks TLS: against GreenMail's SMTPS port (self-signed certificate) it fails on
 * the certificate, and against a plain SMTP port it fails on the protocol; both need a person to
 * fix the configuration, so neither is retryable.
 */
class EmailTlsTest {

  @RegisterExtension
  static final GreenMailExtension greenMail = new GreenMailExtension(
      new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()});

  private static Notifier sslNotifier(int port) {
    return new EmailNotifierFactory().create(new PluginConfig("notifier 'email'", Map.of(
        "host", "127.0.0.1", "port", String.valueOf(port), "from", "bms@example.com", "to", "ops@example.com",
        "tls", "SSL", "timeout", "5s")), PluginContext.standalone());
  }

  @Test
  void untrustedCertificateIsAPermanentFailure() {
    try (Notifier n = sslNotifier(greenMail.getSmtps().getPort())) {
      assertThatThrownBy(() -> n.send(SampleNotifications.firing()))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("TLS failed");
          });
    }
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void tlsAgainstAPlainPortIsAPermanentFailure() {
    try (Notifier n = sslNotifier(greenMail.getSmtp().getPort())) {
      assertThatThrownBy(() -> n.send(SampleNotifications.firing()))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("TLS failed");
          });
    }
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }
}
