package dev.bms.plugins.email;

import dev.bms.spi.Secret;
import dev.bms.spi.notify.DeliveryException;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.Notifier;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each notification as one multipart/alternative message (plain text and HTML) over a
 * fresh SMTP connection. Connections are not pooled: alerts are rare, and a fresh connection
 * never trips over a server that silently dropped an idle one. Does not retry itself; bms retries
 * later when the {@link DeliveryException} is retryable.
 */
final class EmailNotifier implements Notifier {
  private static final Logger log = LoggerFactory.getLogger(EmailNotifier.class);
  /** Lets receivers and mail filters recognise (and de-duplicate) bms notifications. */
  static final String NOTIFICATION_ID_HEADER = "X-Bms-Notification-Id";

  private final EmailSettings settings;
  private final Session session;
  private final EmailRenderer renderer;

  EmailNotifier(EmailSettings settings) {
    this.settings = settings;
    this.session = Session.getInstance(sessionProperties(settings));
    this.renderer = new EmailRenderer(settings.subjectPrefix());
  }

  static Properties sessionProperties(EmailSettings s) {
    Properties p = new Properties();
    String timeout = String.valueOf(s.timeout().toMillis());
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", s.host());
    p.setProperty("mail.smtp.port", String.valueOf(s.port()));
    p.setProperty("mail.smtp.connectiontimeout", timeout);
    p.setProperty("mail.smtp.timeout", timeout);
    p.setProperty("mail.smtp.writetimeout", timeout);
    p.setProperty("mail.smtp.auth", String.valueOf(s.username().isPresent()));
    p.setProperty("mail.smtp.from", s.from().getAddress());
    switch (s.tls()) {
      case NONE -> {
        p.setProperty("mail.smtp.starttls.enable", "false");
        p.setProperty("mail.smtp.ssl.enable", "false");
      }
      case STARTTLS -> {
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case SSL -> {
        p.setProperty("mail.smtp.ssl.enable", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
    }
    return p;
  }

  @Override
  public void send(Notification notification) {
    if (Thread.currentThread().isInterrupted()) {
      throw new DeliveryException("email to " + settings.to() + " not sent: the thread was interrupted", true);
    }
    MimeMessage message;
    try {
      message = toMessage(notification);
    } catch (MessagingException e) {
      // Building a message from validated settings fails only on a bug; retrying will not help.
      throw new DeliveryException("could not build the email for notification " + notification.id()
          + ": " + e.getMessage(), false, e);
    }
    String where = "SMTP " + settings.host() + ":" + settings.port();
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(settings.host(), settings.port(),
          settings.username().orElse(null), settings.password().map(Secret::reveal).orElse(null));
      transport.sendMessage(message, message.getAllRecipients());
      log.debug("Sent notification {} ({}) by email to {}", notification.id(), notification.kind(), settings.to());
    } catch (MessagingException e) {
      DeliveryException failure = SmtpFailures.classify(where, e);
      log.debug("Email for notification {} failed (retryable={}): {}", notification.id(), failure.retryable(),
          failure.getMessage());
      throw failure;
    }
  }

  MimeMessage toMessage(Notification notification) throws MessagingException {
    EmailContent content = renderer.render(notification);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(settings.from());
    message.setRecipients(Message.RecipientType.TO, settings.to().toArray(new InternetAddress[0]));
    message.setSubject(content.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(notification.createdAt()));
    message.setHeader(NOTIFICATION_ID_HEADER, notification.id().replaceAll("[\\r\\n]", " "));

    MimeBodyPart text = new MimeBodyPart();
    text.setText(content.text(), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(content.html(), StandardCharsets.UTF_8.name(), "html");
    // multipart/alternative: the last part is the preferred one, so HTML goes last.
    MimeMultipart body = new MimeMultipart("alternative");
    body.addBodyPart(text);
    body.addBodyPart(html);
    message.setContent(body);
    message.saveChanges();
    return message;
  }

  @Override
  public String toString() {
    return "EmailNotifier[" + settings + "]";
  }
}
