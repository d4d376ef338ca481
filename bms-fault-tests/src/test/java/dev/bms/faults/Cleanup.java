package dev.bms.faults;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything a scenario starts outside this JVM (worker JVMs, redis-server, a private PostgreSQL)
 * registers its stop action here, so it is stopped even when the test fails or the test JVM is
 * ended early: {@code close()} of each resource runs in the test's own {@code finally} /
 * {@code @AfterAll}, and this shutdown hook stops whatever is still running when the JVM exits.
 * Actions are idempotent; the newest runs first.
 */
final class Cleanup {
  private static final Deque<Runnable> ACTIONS = new ArrayDeque<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::runAll, "bms-fault-cleanup"));
  }

  private Cleanup() {
  }

  static synchronized void register(Runnable action) {
    ACTIONS.push(action);
  }

  static synchronized void unregister(Runnable action) {
    ACTIONS.remove(action);
  }

  private static void runAll() {
    while (true) {
      Runnable next;
      synchronized (Cleanup.class) {
        next = ACTIONS.poll();
      }
      if (next == null) {
        return;
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        System.err.println("fault-suite cleanup: " + e);
      }
    }
  }
}
