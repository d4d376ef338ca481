package dev.bms.plugins.email;

import dev.bms.spi.notify.DeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Decides whether an SMTP failure is worth retrying. Retryable: connection failures, timeouts
 * and 4xx replies (the server's "try again later"). Not retryable: failed authentication, 5xx
 * replies (permanent rejections), TLS failures (untrusted certificate, TLS on a plain port) and a
 * missing STARTTLS, all of which
 * need someone to change the configuration.
 */
final class SmtpFailures {
  private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[ -]");

  private SmtpFailures() {
  }

  static DeliveryException classify(String where, MessagingException e) {
    List<Throwable> chain = chain(e);
    String summary = where + ": " + describe(e);
    for (Throwable t : chain) {
      if (t instanceof AuthenticationFailedException) {
        return new DeliveryException(summary + " (authentication failed; check username/password)", false, e);
      }
    }
    Optional<Integer> code = replyCode(chain);
    if (code.isPresent()) {
      boolean transientReply = code.get() >= 400 && code.get() < 500;
      return new DeliveryException(summary + " (SMTP reply " + code.get()
          + (transientReply ? ", temporary)" : ", permanent)"), transientReply, e);
    }
    for (Throwable t : chain) {
      if (t instanceof SSLException) {
        // An untrusted certificate, or TLS spoken to a plain port (or the reverse): configuration.
        return new DeliveryException(summary + " (TLS failed: " + t.getMessage()
            + "; check tls, port and the server certificate)", false, e);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof IOException) {
        return new DeliveryException(summary + " (connection problem: " + t + ")", true, e);
      }
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("STARTTLS")) {
      return new DeliveryException(summary + " (the server does not offer STARTTLS; set tls to SSL or NONE)", false, e);
    }
    // Anything else is more likely a glitch than a misconfiguration: let bms try again later.
    return new DeliveryException(summary, true, e);
  }

  /** The SMTP reply code from Angus' typed exceptions, or from a message that starts with one. */
  private static Optional<Integer> replyCode(List<Throwable> chain) {
    for (Throwable t : chain) {
      if (t instanceof SMTPSendFailedException s && s.getReturnCode() > 0) {
        return Optional.of(s.getReturnCode());
      }
      if (t instanceof SMTPAddressFailedException s && s.getReturnCode() > 0) {
        return Optional.of(s.getReturnCode());
      }
      if (t instanceof SMTPSenderFailedException s && s.getReturnCode() > 0) {
        return Optional.of(s.getReturnCode());
      }
    }
    for (Throwable t : chain) {
      if (t instanceof MessagingException && t.getMessage() != null) {
        Matcher m = REPLY_CODE.matcher(t.getMessage());
        if (m.find()) {
          return Optional.of(Integer.parseInt(m.group(1)));
        }
      }
    }
    return Optional.empty();
  }

  /** The exception, its causes and Jakarta Mail's "next" exceptions, each once. */
  private static List<Throwable> chain(Throwable root) {
    List<Throwable> out = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty()) {
      Throwable t = todo.remove(0);
      if (t == null || !seen.add(t)) {
        continue;
      }
      out.add(t);
      todo.add(t.getCause());
      if (t instanceof MessagingException m) {
        todo.add(m.getNextException());
      }
    }
    return out;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
  }
}
