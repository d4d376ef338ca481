package dev.bms.core.internal.anomaly;

import dev.bms.spi.TargetCapacity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One job's baseline: for each {@link Metric} the most recent values overall ({@value #RECENT}) and,
 * for the seasonal metrics, per weekday of the run's start ({@value #PER_WEEKDAY} each) and per hour
 * of the day ({@value #PER_HOUR} each, used for jobs that run several times a day); the outcomes of
 * the last {@value #OUTCOMES} finished executions, of the job and of its copies per target; when the
 * job last succeeded; and samples of the free space of its targets. Updated with each finished
 * execution; stored as one short text per job, so evaluating an execution reads one row and writes
 * one row.
 */
final class Baseline {
  static final int RECENT = 28;
  static final int PER_WEEKDAY = 8;
  static final int PER_HOUR = 8;
  /** Outcomes kept, of the job and of each target's copies. */
  static final int OUTCOMES = 60;
  /** Free-space samples kept per target. */
  static final int SPACE_SAMPLES = 28;
  /** A target's free space is sampled into the baseline at most this often (days): 6 hours. */
  static final double SPACE_SPACING_DAYS = 0.25;
  /** Targets whose copy outcomes and space samples are kept (a job has a few copies). */
  static final int MAX_TARGETS = 16;
  private static final String VERSION = "bms-baseline-1";

  private final Map<Metric, Window> recent = new EnumMap<>(Metric.class);
  private final Map<Metric, Window[]> weekday = new EnumMap<>(Metric.class);
  private final Map<Metric, Window[]> hour = new EnumMap<>(Metric.class);
  private long runs;
  private String outcomes = "";
  private final Map<String, String> copyOutcomes = new LinkedHashMap<>();
  private long lastSuccess = Long.MIN_VALUE;
  private final Map<String, Space> space = new LinkedHashMap<>();

  /** Free-space samples of one target: days since the epoch, free bytes, and the latest total. */
  static final class Space {
    final Window days = new Window(SPACE_SAMPLES);
    final Window free = new Window(SPACE_SAMPLES);
    long total;
  }

  Baseline() {
    for (Metric m : Metric.values()) {
      recent.put(m, new Window(RECENT));
      if (m.seasonal) {
        Window[] days = new Window[7];
        for (int i = 0; i < 7; i++) {
          days[i] = new Window(PER_WEEKDAY);
        }
        weekday.put(m, days);
        Window[] hours = new Window[24];
        for (int i = 0; i < 24; i++) {
          hours[i] = new Window(PER_HOUR);
        }
        hour.put(m, hours);
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

  Window hour(Metric m, int hourOfDay) {
    return hour.get(m)[hourOfDay];
  }

  /**
   * The MAD pooled over the weekday windows of a seasonal metric (each value's deviation from its own
   * weekday's median): the job's noise without its weekly pattern, estimated from up to 56 values
   * rather than one weekday's 8. NaN while fewer than {@code 2 × PER_WEEKDAY} values are pooled.
   */
  double pooledMad(Metric m) {
    return pooled(weekday.get(m), 2 * PER_WEEKDAY);
  }

  /** Like {@link #pooledMad}, over the hour-of-day windows (up to 192 values). */
  double pooledHourMad(Metric m) {
    return pooled(hour.get(m), 2 * PER_HOUR);
  }

  private static double pooled(Window[] windows, int min) {
    int total = 0;
    for (Window w : windows) {
      total += w.size();
    }
    double[] all = new double[total];
    int n = 0;
    for (Window w : windows) {
      if (w.size() >= 3) {
        n += w.deviations(all, n);
      }
    }
    return n < min ? Double.NaN : Window.median(all, n);
  }

  /**
   * Runs per day, from the start times of the recent runs (the median gap between them); NaN with
   * fewer than 4 recent runs.
   */
  double runsPerDay() {
    double[] days = recent.get(Metric.DAY).values();
    if (days.length < 4) {
      return Double.NaN;
    }
    double[] gaps = new double[days.length - 1];
    for (int i = 1; i < days.length; i++) {
      gaps[i - 1] = days[i] - days[i - 1];
    }
    double median = Window.median(gaps, gaps.length);
    return median <= 0 ? Double.POSITIVE_INFINITY : 1 / median;
  }

  /** Adds one successful execution's values (metrics it does not have, e.g. data-path shares of a reported run, are skipped). */
  void add(ZonedDateTime start, Map<Metric, Double> values) {
    runs++;
    values.forEach((m, v) -> {
      recent.get(m).add(v);
      if (m.seasonal) {
        weekday(m, start.getDayOfWeek()).add(v);
        hour(m, start.getHour()).add(v);
      }
    });
  }

  /**
   * Records how a finished execution ended: whether it produced a restore point, and per target
   * whether its copy there succeeded (targets the job no longer writes to are forgotten).
   */
  void addOutcome(Instant finishedAt, boolean success, Map<String, Boolean> copies) {
    outcomes = append(outcomes, success);
    if (success) {
      lastSuccess = Math.max(lastSuccess, finishedAt.getEpochSecond());
    }
    copyOutcomes.keySet().retainAll(copies.keySet());
    copies.forEach((target, ok) -> {
      if (copyOutcomes.size() < MAX_TARGETS || copyOutcomes.containsKey(target)) {
        copyOutcomes.merge(target, ok ? "1" : "0", (old, bit) -> append(old, ok));
      }
    });
  }

  private static String append(String bits, boolean ok) {
    String s = bits + (ok ? '1' : '0');
    return s.length() > OUTCOMES ? s.substring(s.length() - OUTCOMES) : s;
  }

  /** The job's outcomes, oldest first: '1' produced a restore point, '0' failed. */
  String outcomes() {
    return outcomes;
  }

  /** Per target, its copies' outcomes, oldest first. */
  Map<String, String> copyOutcomes() {
    return copyOutcomes;
  }

  /** When the job last produced a restore point, as this baseline saw it. */
  Optional<Instant> lastSuccess() {
    return lastSuccess == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(lastSuccess));
  }

  /**
   * Adds a sample of a target's free space, unless the last one is younger than
   * {@value #SPACE_SPACING_DAYS} days; returns whether it was added.
   */
  boolean addSpace(String target, Instant at, TargetCapacity capacity) {
    Space s = space.get(target);
    if (s == null) {
      if (space.size() >= MAX_TARGETS) {
        return false;
      }
      s = new Space();
      space.put(target, s);
    }
    double day = at.getEpochSecond() / 86_400.0;
    if (s.days.size() > 0 && day - s.days.last() < SPACE_SPACING_DAYS) {
      return false;
    }
    s.days.add(day);
    s.free.add(capacity.freeBytes());
    s.total = capacity.totalBytes();
    return true;
  }

  Map<String, Space> space() {
    return space;
  }

  String encode() {
    StringBuilder sb = new StringBuilder(8192);
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
        Window[] hours = hour.get(m);
        for (int i = 0; i < 24; i++) {
          if (hours[i].size() > 0) {
            sb.append(m.key).append(".h").append(i).append('=').append(hours[i].encode()).append('\n');
          }
        }
      }
    }
    sb.append("outcomes=").append(outcomes).append('\n');
    if (lastSuccess != Long.MIN_VALUE) {
      sb.append("lastSuccess=").append(lastSuccess).append('\n');
    }
    copyOutcomes.forEach((target, bits) -> sb.append("copy ").append(target).append('=').append(bits).append('\n'));
    space.forEach((target, s) -> sb.append("space ").append(target).append('=').append(s.total).append(';')
        .append(s.days.encode()).append(';').append(s.free.encode()).append('\n'));
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
      int eq = line.lastIndexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      switch (key) {
        case "runs" -> b.runs = Long.parseLong(value);
        case "outcomes" -> b.outcomes = value;
        case "lastSuccess" -> b.lastSuccess = Long.parseLong(value);
        default -> {
          if (key.startsWith("copy ")) {
            b.copyOutcomes.put(key.substring(5), value);
          } else if (key.startsWith("space ")) {
            String[] parts = value.split(";", -1);
            Space s = new Space();
            s.total = Long.parseLong(parts[0]);
            Window days = Window.decode(parts[1], SPACE_SAMPLES);
            Window free = Window.decode(parts[2], SPACE_SAMPLES);
            for (double d : days.values()) {
              s.days.add(d);
            }
            for (double f : free.values()) {
              s.free.add(f);
            }
            b.space.put(key.substring(6), s);
          } else {
            metric(b, key, value);
          }
        }
      }
    }
    return b;
  }

  private static void metric(Baseline b, String key, String value) {
    int dot = key.indexOf('.');
    String name = dot < 0 ? key : key.substring(0, dot);
    for (Metric m : Metric.values()) {
      if (!m.key.equals(name)) {
        continue;
      }
      if (dot < 0) {
        b.recent.put(m, Window.decode(value, RECENT));
      } else if (m.seasonal) {
        String slot = key.substring(dot + 1);
        if (slot.startsWith("h")) {
          int h = Integer.parseInt(slot.substring(1));
          if (h >= 0 && h < 24) {
            b.hour.get(m)[h] = Window.decode(value, PER_HOUR);
          }
        } else {
          int day = Integer.parseInt(slot);
          if (day >= 1 && day <= 7) {
            b.weekday.get(m)[day - 1] = Window.decode(value, PER_WEEKDAY);
          }
        }
      }
    }
  }
}
