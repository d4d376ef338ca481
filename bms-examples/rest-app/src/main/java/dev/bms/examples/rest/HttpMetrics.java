package dev.bms.examples.rest;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Records {@code http.server.requests} (method, route template, status) for every request, so the
 * load test's latencies can be checked against the server's own view in {@code /metrics}.
 */
final class HttpMetrics {
  static final String ROUTE = "bms.route";
  private static final String START = "bms.start";

  private final MeterRegistry registry;

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void start(Context ctx) {
    ctx.attribute(START, System.nanoTime());
  }

  void stop(Context ctx) {
    Long start = ctx.attribute(START);
    if (start == null) {
      return;
    }
    String route = ctx.attribute(ROUTE);
    Timer.builder("http.server.requests")
        .description("HTTP requests served by the bms REST app")
        .tag("method", ctx.method().name())
        .tag("route", route == null ? "unmatched" : route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .publishPercentileHistogram()
        .register(registry)
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }
}
