package dev.bms.core.internal.alert;

import dev.bms.api.model.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The alerting meters ({@code bms.alerts.*}): raised, resolved, notified (delivered), failed
 * deliveries, undeliverable and dropped notifications, suppressed notifications, SLA breaches.
 */
final class AlertMetrics {
  private final MeterRegistry registry;

  AlertMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  MeterRegistry registry() {
    return registry;
  }

  void raised(String rule, Severity severity) {
    Counter.builder("bms.alerts.raised").description("Alerts raised (deduplicated occurrences excluded)")
        .tag("rule", rule).tag("severity", severity.name()).register(registry).increment();
  }

  void resolved(String rule) {
    Counter.builder("bms.alerts.resolved").description("Alerts resolved because their condition cleared")
        .tag("rule", rule).register(registry).increment();
  }

  void notified(String notifier, String kind) {
    Counter.builder("bms.alerts.notified").description("Notifications delivered")
        .tag("notifier", notifier).tag("kind", kind).register(registry).increment();
  }

  /** A failed attempt; {@code reason} is error, timeout or hung. */
  void deliveryFailed(String notifier, String reason) {
    Counter.builder("bms.alerts.delivery.failed").description("Failed delivery attempts")
        .tag("notifier", notifier).tag("reason", reason).register(registry).increment();
  }

  void undeliverable(String notifier) {
    Counter.builder("bms.alerts.undeliverable").description("Notifications given up on after their attempts")
        .tag("notifier", notifier).register(registry).increment();
  }

  /** Never attempted; {@code reason} is queue-full or closing. */
  void dropped(String notifier, String reason) {
    Counter.builder("bms.alerts.dropped").description("Notifications never attempted")
        .tag("notifier", notifier).tag("reason", reason).register(registry).increment();
  }

  void rateLimited(String notifier) {
    Counter.builder("bms.alerts.rate.limited").description("Notifications delayed by the rate limit")
        .tag("notifier", notifier).register(registry).increment();
  }

  /** {@code reason} is silenced or inhibited. */
  void suppressed(String reason) {
    Counter.builder("bms.alerts.suppressed").description("Notifications held back by silences or inhibition")
        .tag("reason", reason).register(registry).increment();
  }

  void slaBreached(Severity severity) {
    Counter.builder("bms.alerts.sla.breaches").description("Alerts not acknowledged within their SLA")
        .tag("severity", severity.name()).register(registry).increment();
  }
}
