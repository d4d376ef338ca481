package dev.bms.plugins.email;

import dev.bms.testkit.notify.SampleNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.notify.DeliveryException;
import dev.bms.spi.notify.Notifier;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailNotifierTest {

  @RegisterExtension
  static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static Notifier notifier(Map<String, String> overrides) {
    Map<String, String> config = new HashMap<>(Map.of(
        "host", "127.0.0.1",
        "port", String.valueOf(greenMail.getSmtp().getPort()),
        "from", "bms@example.com",
        "to", "ops@example.com, Backup Team <backup@example.org>",
        "tls", "NONE",
        "timeout", "5s"));
    config.putAll(overrides);
    return new EmailNotifierFactory().create(new PluginConfig("notifier 'email'", config), PluginContext.standalone());
  }

  private static MimeMessage onlyMessage() {
    MimeMessage[] received = greenMail.getReceivedMessages();
    // One copy lands per recipient mailbox; both copies are the same message.
    assertThat(received).hasSize(2);
    return received[0];
  }

  private static Map<String, String> bodies(MimeMessage message) throws Exception {
    assertThat(message.getContentType()).startsWith("multipart/alternative");
    MimeMultipart multipart = (MimeMultipart) message.getContent();
    assertThat(multipart.getCount()).isEqualTo(2);
    Map<String, String> byType = new HashMap<>();
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      String type = part.getContentType().toLowerCase().startsWith("text/html") ? "html" : "text";
      assertThat(part.getContentType()).containsIgnoringCase("charset=UTF-8");
      // SMTP carries CRLF line ends; compare with the \n the renderer wrote.
      byType.put(type, ((String) part.getContent()).replace("\r\n", "\n"));
    }
    assertThat(byType).containsOnlyKeys("text", "html");
    return byType;
  }

  @Test
  void firingNotificationArrivesWithSubjectRecipientsAndBothBodies() throws Exception {
    try (Notifier n = notifier(Map.of())) {
      n.send(SampleNotifications.firing());
    }

    MimeMessage message = onlyMessage();
    assertThat(message.getSubject()).isEqualTo("[bms] CRITICAL: Backup payroll-files failed (+2 more)");
    assertThat(Arrays.stream(message.getFrom()).map(Address::toString)).containsExactly("bms@example.com");
    assertThat(Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Address::toString))
        .containsExactly("ops@example.com", "Backup Team <backup@example.org>");
    assertThat(message.getHeader(EmailNotifier.NOTIFICATION_ID_HEADER)).containsExactly("n-100");
    assertThat(message.getSentDate().toInstant()).isEqualTo(SampleNotifications.CREATED);

    Map<String, String> bodies = bodies(message);
    String text = bodies.get("text");
    // Kept for docs/notifiers.md, which quotes it.
    Path examples = Files.createDirectories(Path.of("target", "email-examples"));
    Files.writeString(examples.resolve("firing.txt"), "Subject: " + message.getSubject() + "\n\n" + text);
    assertThat(text)
        .startsWith("3 alerts on payroll-files and crm-db\n")
        .contains("bms raised 3 alerts that need attention; the most severe is CRITICAL.")
        .contains("[CRITICAL] Backup payroll-files failed")
        .contains("Job:        payroll-files")
        .contains("Rule:       execution-failed")
        .contains("Count:      seen 3 times")
        .contains("First seen: 2026-03-01 02:00:13 UTC")
        .contains("Last seen:  2026-03-03 02:00:41 UTC")
        .contains("Labels:     env=prod, team=finance")
        .contains("  Copy to s3 failed: 403 AccessDenied\n  Copy to filesystem succeeded")
        .contains("[WARNING] RPO exceeded for <script>alert(1)</script>")
        .contains("[INFO] Verification skipped")
        .contains("bms notification n-100");
    // Most severe first, whatever order the alerts came in.
    assertThat(text.indexOf("[CRITICAL]")).isLessThan(text.indexOf("[WARNING]"));
    assertThat(text.indexOf("[WARNING]")).isLessThan(text.indexOf("[INFO]"));

    String html = bodies.get("html");
    assertThat(html)
        .contains("<h2 style=\"margin:0 0 8px 0\">3 alerts on payroll-files and crm-db</h2>")
        .contains("Backup payroll-files failed")
        .contains("<td style=\"padding:2px 0\">payroll-files</td>")
        .contains("seen 3 times")
        .contains("2026-03-01 02:00:13 UTC")
        .contains("2026-03-03 02:00:41 UTC")
        .contains("Copy to s3 failed: 403 AccessDenied\nCopy to filesystem succeeded")
        // escaped, never live markup
        .contains("RPO exceeded for &lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("last good backup &quot;nightly&quot; &amp; &lt;b&gt;old&lt;/b&gt;")
        .doesNotContain("<script>")
        .doesNotContain("<b>old</b>");
  }

  @Test
  void resolvedAndDigestUseTheirOwnWording() throws Exception {
    try (Notifier n = notifier(Map.of("to", "ops@example.com", "subjectPrefix", "[backup]"))) {
      n.send(SampleNotifications.resolved());
      n.send(SampleNotifications.digest());
    }

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(2);
    assertThat(received[0].getSubject()).isEqualTo("[backup] RESOLVED: Backup payroll-files failed");
    Map<String, String> resolved = bodies(received[0]);
    assertThat(resolved.get("text"))
        .contains("An alert has resolved; no action is needed.")
        .contains("Resolved:   2026-03-04 02:05:00 UTC");
    assertThat(resolved.get("html")).contains("An alert has resolved; no action is needed.")
        .contains("2026-03-04 02:05:00 UTC");

    assertThat(received[1].getSubject()).isEqualTo("[backup] Digest: 3 open alerts (1 critical, 1 warning, 1 info)");
    Map<String, String> digest = bodies(received[1]);
    assertThat(digest.get("text")).contains(
        "Summary of the 3 alerts still open at 2026-03-03 02:01:00 UTC: 1 critical, 1 warning, 1 info.");
    assertThat(digest.get("html")).contains("Summary of the 3 alerts still open");
  }

  @Test
  void starttlsRequiredButNotOfferedIsAPermanentFailure() {
    try (Notifier n = notifier(Map.of("tls", "STARTTLS"))) {
      assertThatThrownBy(() -> n.send(SampleNotifications.resolved()))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("STARTTLS");
          });
    }
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void serverThatIsDownGivesARetryableFailure() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (Notifier n = notifier(Map.of("port", String.valueOf(closedPort), "timeout", "2s"))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> n.send(SampleNotifications.firing()))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("127.0.0.1:" + closedPort).contains("connection problem");
          });
      // Refused at once; generous bound: well within the configured timeout plus slack.
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
    }
  }

  @Test
  void serverThatNeverAnswersTimesOutAsRetryable() throws Exception {
    try (ScriptedSmtpServer silent = ScriptedSmtpServer.silent();
         Notifier n = notifier(Map.of("port", String.valueOf(silent.port()), "timeout", "300ms"))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> n.send(SampleNotifications.firing()))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).containsIgnoringCase("timed out");
          });
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(millis).isGreaterThanOrEqualTo(250).isLessThan(5_000);
    }
  }

  @Test
  void permanentRecipientRejectionIsNotRetryable() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.rejectingRecipients("550 5.1.1 no such user");
         Notifier n = notifier(Map.of("port", String.valueOf(server.port())))) {
      assertThatThrownBy(() -> n.send(SampleNotifications.firing()))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("SMTP reply 550, permanent");
          });
    }
  }

  @Test
  void temporaryRecipientRejectionIsRetryable() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.rejectingRecipients("451 4.3.0 try again later");
         Notifier n = notifier(Map.of("port", String.valueOf(server.port())))) {
      assertThatThrownBy(() -> n.send(SampleNotifications.firing()))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("SMTP reply 451, temporary");
          });
    }
  }

}
