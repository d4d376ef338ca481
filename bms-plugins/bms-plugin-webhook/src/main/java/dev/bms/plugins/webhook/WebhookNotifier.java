package dev.bms.plugins.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bms.spi.notify.DeliveryException;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.Notifier;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each notification as JSON, retrying with exponential backoff on 5xx, 408, 429, timeouts
 * and connection errors; other 4xx, 3xx and TLS failures fail at once (retrying the same request
 * cannot help).
 * Every attempt carries the notification id as {@code Idempotency-Key}, so a receiver that saw an
 * attempt whose response got lost can drop the repeat. Waits are interruptible: an interrupt stops
 * the retries, keeps the thread's interrupt flag set and throws a retryable
 * {@link DeliveryException}.
 */
final class WebhookNotifier implements Notifier {
  private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final String USER_AGENT = "bms-webhook-notifier";
  private static final int BODY_SNIPPET = 200;

  private final WebhookSettings settings;
  private final HttpClient client;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Clock clock;

  WebhookNotifier(WebhookSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public void send(Notification notification) {
    HttpRequest request = checkedRequest(notification);
    String where = "webhook " + settings.redactedUrl();
    String lastFailure = "";
    Exception lastCause = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      Duration wait;
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          log.debug("Delivered notification {} to {} (HTTP {}, attempt {})", notification.id(), where, status, attempt);
          return;
        }
        lastFailure = "HTTP " + status + snippet(response.body());
        lastCause = null;
        if (!retryable(status)) {
          throw new DeliveryException(where + " rejected notification " + notification.id() + ": " + lastFailure
              + (status >= 300 && status < 400 ? " (redirects are not followed; configure the final URL)" : "")
              + "; not retrying", false);
        }
        wait = settings.delays().afterAttempt(attempt, response.headers().firstValue("Retry-After"), clock);
      } catch (HttpTimeoutException e) {
        lastFailure = "no response within " + settings.timeout() + " (" + e.getMessage() + ")";
        lastCause = e;
        wait = settings.delays().afterAttempt(attempt);
      } catch (SSLException e) {
        // An untrusted certificate or https to a plain-http port: the configuration must change.
        throw new DeliveryException(where + " TLS failed for notification " + notification.id() + ": "
            + e.getMessage() + "; check the URL's scheme and port and the server certificate; not retrying",
            false, e);
      } catch (IOException e) {
        lastFailure = "connection failed: " + e;
        lastCause = e;
        wait = settings.delays().afterAttempt(attempt);
      } catch (InterruptedException e) {
        throw interrupted(where, notification, e);
      }
      if (attempt < settings.maxAttempts()) {
        log.warn("Attempt {}/{} to deliver notification {} to {} failed: {}; retrying in {} ms", attempt,
            settings.maxAttempts(), notification.id(), where, lastFailure, wait.toMillis());
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
          throw interrupted(where, notification, e);
        }
      }
    }
    throw new DeliveryException(where + " failed to take notification " + notification.id() + " after "
        + settings.maxAttempts() + (settings.maxAttempts() == 1 ? " attempt" : " attempts") + "; last: "
        + lastFailure, true, lastCause);
  }

  /** 408 Request Timeout, 429 Too Many Requests and every 5xx may succeed later. */
  static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  private DeliveryException interrupted(String where, Notification notification, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new DeliveryException("delivery of notification " + notification.id() + " to " + where
        + " was interrupted", true, e);
  }

  HttpRequest request(Notification notification) {
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(settings.format().render(notification));
    } catch (JsonProcessingException e) {
      // A tree of strings and numbers always serializes; this is a bug, and retrying will not fix it.
      throw new DeliveryException("could not serialize notification " + notification.id() + ": " + e.getMessage(),
          false, e);
    }
    HttpRequest.Builder builder = HttpRequest.newBuilder(settings.url())
        .timeout(settings.timeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", USER_AGENT)
        .header(IDEMPOTENCY_KEY, notification.id())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    // Configured headers win over the defaults above (e.g. a different Content-Type).
    settings.headers().forEach(builder::setHeader);
    return builder.build();
  }

  private HttpRequest checkedRequest(Notification notification) {
    try {
      return request(notification);
    } catch (IllegalArgumentException e) {
      // e.g. a notification id with a line break cannot be a header value
      throw new DeliveryException("cannot build the request for notification " + notification.id() + ": "
          + e.getMessage(), false, e);
    }
  }

  private static String snippet(String body) {
    Optional<String> text = Optional.ofNullable(body).map(String::strip).filter(s -> !s.isEmpty());
    return text.map(s -> ": " + (s.length() > BODY_SNIPPET ? s.substring(0, BODY_SNIPPET) + "…" : s)
        .replaceAll("\\s+", " ")).orElse("");
  }

  @Override
  public String toString() {
    return "WebhookNotifier[" + settings + "]";
  }
}
