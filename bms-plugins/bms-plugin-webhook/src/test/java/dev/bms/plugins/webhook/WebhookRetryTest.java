package dev.bms.plugins.webhook;

import dev.bms.testkit.notify.SampleNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.plugins.webhook.RecordingHttpServer.Reply;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.notify.DeliveryException;
import dev.bms.spi.notify.Notifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Retry, backoff, timeout and interruption behaviour against real local servers. */
class WebhookRetryTest {

  private static Notifier notifier(String url, Map<String, String> overrides) {
    Map<String, String> config = new HashMap<>(Map.of("url", url, "initialBackoff", "10ms", "maxBackoff", "40ms",
        "timeout", "2s"));
    config.putAll(overrides);
    return new WebhookNotifierFactory().create(new PluginConfig("notifier 'webhook'", config), PluginContext.standalone());
  }

  @Test
  void twoServerErrorsThenSuccessDeliversOnce() {
    try (RecordingHttpServer server = RecordingHttpServer.answering(
        List.of(Reply.of(500, "boom"), Reply.of(502)), Reply.of(200, "ok"));
         Notifier n = notifier(server.url("/hook").toString(), Map.of())) {
      n.send(SampleNotifications.firing());

      List<RecordingHttpServer.Received> received = server.received();
      assertThat(received).hasSize(3);
      // The same request each time, so the receiver can de-duplicate by Idempotency-Key.
      assertThat(received).extracting(r -> r.header("Idempotency-Key")).containsOnly("n-100");
      assertThat(received).extracting(RecordingHttpServer.Received::body).containsOnly(received.get(0).body());
    }
  }

  @Test
  void clientErrorFailsAtOnceWithoutRetry() {
    try (RecordingHttpServer server = RecordingHttpServer.answering(List.of(), Reply.of(400, "invalid_payload"));
         Notifier n = notifier(server.url("/services/T000/B000/secret").toString(), Map.of())) {
      assertThatThrownBy(() -> n.send(SampleNotifications.firing()))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("HTTP 400: invalid_payload").contains("not retrying")
                // the secret path of a Slack-style URL stays out of messages
                .doesNotContain("secret").contains("http://127.0.0.1:");
          });
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void redirectIsNotFollowedNorRetried() {
    try (RecordingHttpServer server = RecordingHttpServer.answering(List.of(),
        new Reply(302, Map.of("Location", "http://elsewhere.example/"), ""));
         Notifier n = notifier(server.url("/hook").toString(), Map.of())) {
      assertThatThrownBy(() -> n.send(SampleNotifications.firing()))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("HTTP 302").contains("redirects are not followed");
          });
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void tlsFailureIsNotRetried() throws Exception {
    // A plain-HTTP server that answers whatever arrives, as a web server on an http port answers
    // a TLS ClientHello: the client cannot make TLS of it.
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket plain = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!plain.isClosed()) {
          try (Socket socket = plain.accept()) {
            connections.incrementAndGet();
            socket.getOutputStream().write(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          } catch (IOException e) {
            // closed
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      try (Notifier n = notifier("https://127.0.0.1:" + plain.getLocalPort() + "/hook", Map.of())) {
        assertThatThrownBy(() -> n.send(SampleNotifications.firing()))
            .isInstanceOfSatisfying(DeliveryException.class, e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("TLS failed").contains("not retrying");
            });
      }
      // One attempt by the notifier. The JDK client itself may open a second connection within that
      // attempt (it retries a handshake on a fresh connection); a notifier retry would show as
      // maxAttempts (3) attempts or more.
      assertThat(connections.get()).isBetween(1, 2);
    }
  }

  @Test
  void requestTimeoutAndTooManyRequestsAreRetried() {
    try (RecordingHttpServer server = RecordingHttpServer.answering(
        List.of(Reply.of(408), new Reply(429, Map.of("Retry-After", "1"), "slow down")), Reply.of(202));
         Notifier n = notifier(server.url("/hook").toString(), Map.of())) {
      n.send(SampleNotifications.resolved());
      assertThat(server.received()).hasSize(3);
    }
  }

  @Test
  void givesUpAfterMaxAttemptsWithARetryableFailure() {
    try (RecordingHttpServer server = RecordingHttpServer.answering(503);
         Notifier n = notifier(server.url("/hook").toString(), Map.of("maxAttempts", "4"))) {
      assertThatThrownBy(() -> n.send(SampleNotifications.firing()))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("after 4 attempts").contains("last: HTTP 503");
          });
      assertThat(server.received()).hasSize(4);
    }
  }

  @Test
  void serverThatNeverAnswersTimesOutWithinBounds() {
    try (RecordingHttpServer server = RecordingHttpServer.hanging();
         Notifier n = notifier(server.url("/hook").toString(), Map.of("timeout", "250ms", "maxAttempts", "2"))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> n.send(SampleNotifications.firing()))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("after 2 attempts").contains("no response within PT0.25S");
          });
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      // two timeouts of 250 ms and one short backoff; the upper bound is deliberately generous
      assertThat(millis).isGreaterThanOrEqualTo(500).isLessThan(5_000);
      assertThat(server.received()).hasSize(2);
    }
  }

  @Test
  void connectionRefusedIsRetriedThenRetryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (Notifier n = notifier("http://127.0.0.1:" + closedPort + "/hook", Map.of())) {
      assertThatThrownBy(() -> n.send(SampleNotifications.firing()))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("after 3 attempts").contains("connection failed");
            assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
          });
    }
  }

  @Test
  void interruptDuringBackoffStopsRetryingAndKeepsTheFlag() throws Exception {
    try (RecordingHttpServer server = RecordingHttpServer.answering(503);
         Notifier n = notifier(server.url("/hook").toString(),
             Map.of("initialBackoff", "1m", "maxBackoff", "1m", "maxAttempts", "5"))) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicBoolean flagAfterwards = new AtomicBoolean();
      Thread sender = new Thread(() -> {
        try {
          n.send(SampleNotifications.firing());
        } catch (Throwable t) {
          thrown.set(t);
        }
        flagAfterwards.set(Thread.currentThread().isInterrupted());
      });
      sender.start();
      // wait for the first attempt, so the sender is in (or about to enter) its one-minute backoff
      CompletableFuture.runAsync(() -> {
        while (server.received().isEmpty()) {
          Thread.onSpinWait();
        }
      }).get(10, TimeUnit.SECONDS);
      sender.interrupt();
      sender.join(5_000);

      assertThat(sender.isAlive()).isFalse();
      assertThat(thrown.get()).isInstanceOfSatisfying(DeliveryException.class, e -> {
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("interrupted");
      });
      assertThat(flagAfterwards).isTrue();
      assertThat(server.received()).hasSize(1);
    }
  }
}
