package dev.bms.core;

import dev.bms.spi.BmsPlugin;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.notify.DeliveryException;
import dev.bms.spi.notify.Notification;
import dev.bms.spi.notify.Notifier;
import dev.bms.spi.notify.NotifierFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-test notifier types: {@code recording} keeps what it receives (by its {@code box} key),
 * {@code blocking} never returns from {@code send} (and ignores interrupts), {@code broken} always
 * fails retryably and counts its attempts.
 */
final class TestNotifiers implements BmsPlugin {
  final Map<String, List<Notification>> boxes = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> brokenAttempts = new ConcurrentHashMap<>();
  final CountDownLatch blockedInSend = new CountDownLatch(1);
  private final CountDownLatch never = new CountDownLatch(1);

  @Override
  public String name() {
    return "test-notifiers";
  }

  List<Notification> box(String name) {
    return boxes.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
  }

  @Override
  public List<NotifierFactory> notifiers() {
    return List.of(factory("recording", config -> {
      List<Notification> box = box(config.requireString("box"));
      return box::add;
    }), factory("blocking", config -> notification -> {
      blockedInSend.countDown();
      while (true) {
        try {
          never.await();
        } catch (InterruptedException e) {
          // a badly behaved notifier: it ignores the interrupt and keeps hanging
        }
      }
    }), factory("broken", config -> {
      AtomicInteger attempts = brokenAttempts.computeIfAbsent(config.requireString("box"), k -> new AtomicInteger());
      return notification -> {
        attempts.incrementAndGet();
        throw new DeliveryException("503 from the test", true);
      };
    }));
  }

  private static NotifierFactory factory(String type, java.util.function.Function<PluginConfig, Notifier> create) {
    return new NotifierFactory() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public Notifier create(PluginConfig config, PluginContext context) {
        Notifier n = create.apply(config);
        config.validate();
        return n;
      }
    };
  }
}
