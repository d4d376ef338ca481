package dev.bms.core.internal.anomaly;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.ExecutionMode;
import dev.bms.api.model.JobId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic, labelled execution histories of one job per seed: daily runs at a fixed hour (a fifth
 * of the jobs: 4 or 6 runs a day, business-hours runs 2–5× larger than night runs) over
 * {@code days} days with a job size anywhere from 10 MB to 200 GB, growth, weekly seasonality
 * (half the jobs write a full backup on Sundays and incrementals otherwise), log-normal noise,
 * failed runs (not evaluated), skipped days, daily file churn, content that legitimately looks
 * encrypted for some jobs (encrypted dumps), and rare legitimate mass changes (a reorganisation,
 * a re-export). With {@code inject}, anomalies of known kinds are injected at random runs after a
 * 60-day warm-up, at least 14 days apart, each one run long:
 * <ul>
 *   <li>SIZE: bytes × or ÷ a factor of 4–40 (files and duration follow partly);</li>
 *   <li>FILE_COUNT: files × or ÷ 4–40 at about the usual bytes;</li>
 *   <li>DURATION: a run 3–10× slower (a slow target, a throttled link);</li>
 *   <li>EMPTY_SUCCESS: success with 0 bytes and 0 files (a missing mount, a broken dump);</li>
 *   <li>ENCRYPTION: 25–95 % of the files rewritten with random-looking content; in half the cases
 *       the files also get a new extension appended or swapped (managed jobs only);</li>
 *   <li>DURATION_TREND (half the injected histories): from a day after day 90 every run is 3–8 %
 *       slower per day than the day before, until one exceeds the job's timeout (it fails).</li>
 * </ul>
 */
final class SyntheticHistories {
  enum Injected { NONE, SIZE, FILE_COUNT, DURATION, EMPTY_SUCCESS, ENCRYPTION, DURATION_TREND }

  /** One run: what bms would see, and what was injected (ground truth). */
  record Run(Observation observation, boolean failed, Injected injected) {
  }

  /**
   * One job's history.
   *
   * @param runsPerDay 1, or 4 or 6 for jobs that run several times a day
   * @param timeout the job's timeout: 4–10× its longest usual run at the end of the history
   */
  record History(List<Run> runs, int runsPerDay, Duration timeout) {
  }

  private SyntheticHistories() {
  }

  static History history(long seed, int days, boolean inject) {
    // java.util.Random's first values of nearby seeds are nearly equal: scramble the seed (SplitMix64)
    long z = seed * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    Random r = new Random(z ^ (z >>> 31));
    JobId job = new JobId(new UUID(seed, 1));
    boolean managed = r.nextDouble() < 0.6;
    // bms reads the whole source on every managed run; reported tools often do weekly fulls
    boolean weeklyFull = !managed && r.nextBoolean();
    double size = Math.exp(Math.log(10e6) + r.nextDouble() * (Math.log(200e9) - Math.log(10e6)));
    double avgFile = Math.exp(Math.log(20e3) + r.nextDouble() * (Math.log(5e6) - Math.log(20e3)));
    double growthPerDay = r.nextDouble() * 0.003;
    double noise = 0.02 + r.nextDouble() * 0.08;
    double incShare = 0.03 + r.nextDouble() * 0.2;
    double incNoise = 0.1 + r.nextDouble() * 0.3;
    double throughput = Math.exp(Math.log(10e6) + r.nextDouble() * (Math.log(200e6) - Math.log(10e6)));
    double durationNoise = 0.05 + r.nextDouble() * 0.15;
    double churn = 0.002 + r.nextDouble() * 0.08;
    // share of changed content that legitimately looks encrypted: mostly none, some encrypted dumps
    double randomLooking = r.nextDouble() < 0.75 ? r.nextDouble() * 0.05 : 0.2 + r.nextDouble() * 0.75;
    double failureRate = r.nextDouble() * 0.06;
    int hour = r.nextInt(24);
    // a fifth of the jobs run several times a day (log shipping, hourly snapshots): business-hours
    // runs carry more than night runs, the weekly pattern is weak
    int perDay = r.nextDouble() < 0.2 ? (r.nextBoolean() ? 4 : 6) : 1;
    double businessFactor = 2 + r.nextDouble() * 3;
    ZoneId zone = ZoneId.of("Europe/Berlin");
    LocalDate start = LocalDate.of(2025, 1, 6);
    List<Run> runs = new ArrayList<>();
    int lastInjection = -1000;
    double limitFactor = 4 + r.nextDouble() * 6;
    double longest = 30 + size * Math.exp(growthPerDay * days) * (perDay > 1 ? incShare * businessFactor : 1)
        / throughput * Math.exp(2 * durationNoise);
    Duration timeout = Duration.ofSeconds(Math.round(longest * limitFactor));
    // one history in two of those injected gets a duration trend: from a day after the warm-up the
    // runs grow 3–8 % a day until one exceeds the timeout (it times out, and the cause is fixed)
    int trendStart = inject && r.nextBoolean() ? 90 + r.nextInt(Math.max(1, days - 180)) : Integer.MAX_VALUE;
    double trendGrowth = 0.03 + r.nextDouble() * 0.05;
    boolean trendOver = false;
    for (int run = 0; run < days * perDay; run++) {
      int d = run / perDay;
      if (r.nextDouble() < 0.01) {
        continue; // the application was down, the run never happened
      }
      ZonedDateTime at = start.plusDays(d).atTime((hour + (run % perDay) * 24 / perDay) % 24, r.nextInt(10)).atZone(zone);
      double total = size * Math.exp(growthPerDay * d);
      boolean full = !weeklyFull || at.getDayOfWeek() == DayOfWeek.SUNDAY;
      double bytes;
      if (perDay > 1) {
        boolean business = at.getHour() >= 8 && at.getHour() < 18;
        bytes = total * incShare * (business ? businessFactor : 1) * Math.exp(noise * r.nextGaussian());
      } else {
        bytes = full ? total * Math.exp(noise * r.nextGaussian())
            : total * incShare * Math.exp(incNoise * r.nextGaussian());
      }
      double files = Math.max(1, bytes / avgFile * Math.exp(0.05 * r.nextGaussian()));
      double allFiles = Math.max(files, total / avgFile);
      double weekendFaster = at.getDayOfWeek().getValue() >= 6 ? 0.7 : 1;
      // start-up (snapshot, connections) plus the transfer
      double seconds = 30 + bytes / throughput * weekendFaster * Math.exp(durationNoise * r.nextGaussian());
      // churn and reorganisations happen per day, spread over the day's runs
      double changed = Math.min(1, churn / perDay * Math.exp(0.5 * r.nextGaussian()));
      if (r.nextDouble() < 0.5 / 365 / perDay) {
        changed = 0.4 + r.nextDouble() * 0.6; // a legitimate reorganisation
      }
      double gained = 0;
      double encrypted = Math.min(1, changed * randomLooking * Math.exp(0.2 * r.nextGaussian()));
      Injected injected = Injected.NONE;
      boolean timedOut = false;
      if (!trendOver && d >= trendStart) {
        injected = Injected.DURATION_TREND;
        seconds *= Math.exp(trendGrowth * (d - trendStart + (double) (run % perDay) / perDay));
        if (seconds > timeout.toSeconds()) {
          timedOut = true;
          trendOver = true;
        }
      } else if (inject && d >= 60 && d - lastInjection >= 14 && r.nextDouble() < 1.0 / (20 * perDay)) {
        List<Injected> kinds = managed
            ? List.of(Injected.SIZE, Injected.FILE_COUNT, Injected.DURATION, Injected.EMPTY_SUCCESS, Injected.ENCRYPTION)
            : List.of(Injected.SIZE, Injected.FILE_COUNT, Injected.DURATION, Injected.EMPTY_SUCCESS);
        injected = kinds.get(r.nextInt(kinds.size()));
        lastInjection = d;
        double factor = Math.exp(Math.log(4) + r.nextDouble() * (Math.log(40) - Math.log(4)));
        boolean up = r.nextBoolean();
        switch (injected) {
          case SIZE -> {
            double f = up ? factor : 1 / factor;
            bytes *= f;
            files *= Math.pow(f, 0.3);
            seconds = 30 + (seconds - 30) * f;
          }
          case FILE_COUNT -> files = Math.max(1, files * (up ? factor : 1 / factor));
          case DURATION -> seconds *= 3 + r.nextDouble() * 7;
          case EMPTY_SUCCESS -> {
            bytes = 0;
            files = 0;
            seconds = 1 + r.nextDouble() * 5;
          }
          case ENCRYPTION -> {
            double hit = 0.25 + r.nextDouble() * 0.7;
            changed = Math.max(changed, hit);
            encrypted = Math.min(1, hit * (0.85 + 0.15 * r.nextDouble()) + encrypted * (1 - hit));
            gained = r.nextBoolean() ? hit : 0;
          }
          default -> {
          }
        }
      }
      boolean failed = timedOut || injected == Injected.NONE && r.nextDouble() < failureRate;
      Optional<RunSignals> signals = Optional.empty();
      if (managed && bytes > 0) {
        long previous = Math.round(allFiles);
        long sampled = Math.max(1, Math.round(total / (DataPathProbe.BLOCK * DataPathProbe.EVERY)));
        long sampledChanged = Math.round(sampled * Math.min(1, Math.max(changed, encrypted)));
        signals = Optional.of(new RunSignals(previous, Math.round(changed * previous), Math.round(gained * previous),
            sampled, Math.min(sampledChanged, Math.round(encrypted * sampled)), sampledChanged));
      }
      Observation o = new Observation(job, new ExecutionId(new UUID(seed, run + 2)),
          managed ? ExecutionMode.MANAGED : ExecutionMode.REPORTED, at, Math.round(bytes), Math.round(files),
          Duration.ofMillis(Math.round(seconds * 1000)), signals);
      runs.add(new Run(o, failed, injected));
    }
    return new History(runs, perDay, timeout);
  }
}
