package dev.bms.core.internal.anomaly;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.Map;

/**
 * One job's baseline: for each {@link Metric} the most recent values overall ({@value #RECENT}) and,
 * for the seasonal metrics, per weekday of the run's start ({@value #PER_WEEKDAY} each). Updated
 * with each successful execution; stored as one short text per job, so evaluating an execution
 * reads one row and writes one row.
 */
final class Baseline {
  static final int RECENT = 28;
  static final int PER_WEEKDAY = 8;
  private static final String VERSION = "bms-baseline-1";

  private final Map<Metric, Window> recent = new EnumMap<>(Metric.class);
  private final Map<Metric, Window[]> weekday = new EnumMap<>(Metric.class);
  private long runs;

  Baseline() {
    for (Metric m : Metric.values()) {
      recent.put(m, new Window(RECENT));
      if (m.seasonal) {
        Window[] days = new Window[7];
        for (int i = 0; i < 7; i++) {
          days[i] = new Window(PER_WEEKDAY);
        }
        weekday.put(m, days);
      }
    }
  }

  /** Successful executions this baseline has seen. */
  long runs() {
    return runs;
  }

  Window recent(Metric m) {
    return recent.get(m);
  }

  Window weekday(Metric m, DayOfWeek day) {
    return weekday.get(m)[day.getValue() - 1];
  }

  /**
   * The MAD pooled over the weekday windows of a seasonal metric (each value's deviation from its own
   * weekday's median): the job's noise without its weekly pattern, estimated from up to 56 values
   * rather than one weekday's 8. NaN while fewer than {@code 2 × PER_WEEKDAY} values are pooled.
   */
  double pooledMad(Metric m) {
    double[] all = new double[7 * PER_WEEKDAY];
    int n = 0;
    for (Window w : weekday.get(m)) {
      if (w.size() >= 3) {
        n += w.deviations(all, n);
      }
    }
    return n < 2 * PER_WEEKDAY ? Double.NaN : Window.median(all, n);
  }

  /** Adds one execution's values (metrics it does not have, e.g. data-path shares of a reported run, are skipped). */
  void add(DayOfWeek day, Map<Metric, Double> values) {
    runs++;
    values.forEach((m, v) -> {
      recent.get(m).add(v);
      if (m.seasonal) {
        weekday(m, day).add(v);
      }
    });
  }

  String encode() {
    StringBuilder sb = new StringBuilder(4096);
    sb.append(VERSION).append('\n').append("runs=").append(runs).append('\n');
    for (Metric m : Metric.values()) {
      sb.append(m.key).append('=').append(recent.get(m).encode()).append('\n');
      if (m.seasonal) {
        Window[] days = weekday.get(m);
        for (int i = 0; i < 7; i++) {
          if (days[i].size() > 0) {
            sb.append(m.key).append('.').append(i + 1).append('=').append(days[i].encode()).append('\n');
          }
        }
      }
    }
    return sb.toString();
  }

  /** The baseline a stored text holds; an empty baseline for a text of another version. */
  static Baseline decode(String text) {
    Baseline b = new Baseline();
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].equals(VERSION)) {
      return b;
    }
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      if (key.equals("runs")) {
        b.runs = Long.parseLong(value);
        continue;
      }
      int dot = key.indexOf('.');
      String name = dot < 0 ? key : key.substring(0, dot);
      for (Metric m : Metric.values()) {
        if (m.key.equals(name)) {
          if (dot < 0) {
            b.recent.put(m, Window.decode(value, RECENT));
          } else if (m.seasonal) {
            int day = Integer.parseInt(key.substring(dot + 1));
            if (day >= 1 && day <= 7) {
              b.weekday.get(m)[day - 1] = Window.decode(value, PER_WEEKDAY);
            }
          }
        }
      }
    }
    return b;
  }
}
