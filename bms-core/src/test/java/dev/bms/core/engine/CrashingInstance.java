package dev.bms.core.engine;

import dev.bms.api.BackupManager;
import java.time.Clock;

/**
 * A bms instance in its own JVM, started by {@link AbruptStopTest} and killed there with SIGKILL
 * mid-execution: no close, no cleanup. Its source (behavior BLOCK_IN_CHILD) writes some bytes, with
 * heartbeats recording progress, then hangs.
 */
public final class CrashingInstance {
  private CrashingInstance() {
  }

  public static void main(String[] args) throws InterruptedException {
    System.setProperty("bms.test.child", "true");
    BackupManager bms = Managers.postgres(args[0], "child", Clock.systemUTC()).build();
    bms.start();
    System.out.println("child started");
    Thread.sleep(Long.MAX_VALUE);
  }
}
