package dev.bms.faults;

import dev.bms.api.BackupManager;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobId;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One bms instance in its own JVM, as an application would embed it: started by
 * {@link WorkerProcess} with the test's class path, then SIGKILLed, frozen (SIGSTOP/SIGCONT) or
 * closed by the scenario.
 *
 * <p>Arguments are {@code key=value}: {@code url}, {@code schema}, {@code instance},
 * {@code pollMillis}, {@code heartbeatMillis}, {@code leaseMillis}, {@code workers}. Commands come
 * one per line on standard input: {@code runNow <jobId>} (in a new thread), {@code begin <jobId>},
 * {@code exit}. End of input (the test JVM went away) closes the manager too. It prints
 * {@code ready} once started and one line per command result.
 */
public final class WorkerMain {
  private WorkerMain() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      opts.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    BackupManager bms = Bms.builder()
        .instanceId(opts.get("instance"))
        .storage(JdbcStorage.builder().url(opts.get("url")).credentials("postgres", "")
            .schema(opts.get("schema")).poolSize(4).build())
        .plugin(new FaultPlugin())
        .pollInterval(millis(opts, "pollMillis", 200))
        .heartbeatInterval(millis(opts, "heartbeatMillis", 200))
        .leaseTimeout(millis(opts, "leaseMillis", 2000))
        .maxConcurrentExecutions(Integer.parseInt(opts.getOrDefault("workers", "2")))
        .drainTimeout(Duration.ofSeconds(10))
        .warmCacheOnStart(false)
        .build();
    bms.start();
    say("ready " + opts.get("instance"));

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
      String[] words = line.trim().split(" ");
      switch (words[0]) {
        case "runNow" -> {
          JobId job = JobId.parse(words[1]);
          Thread t = new Thread(() -> {
            try {
              Execution e = bms.executions().runNow(job);
              say("ran " + e.id() + " " + e.status());
            } catch (RuntimeException e) {
              say("runNow failed: " + e);
            }
          }, "runNow-" + words[1]);
          t.setDaemon(true);
          t.start();
        }
        case "begin" -> say("begun " + bms.executions().begin(JobId.parse(words[1])).id());
        default -> say("unknown command: " + line);
      }
    }
    bms.close();
    say("closed");
    System.exit(0);
  }

  private static Duration millis(Map<String, String> opts, String key, long defaultMillis) {
    return Duration.ofMillis(Long.parseLong(opts.getOrDefault(key, Long.toString(defaultMillis))));
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
