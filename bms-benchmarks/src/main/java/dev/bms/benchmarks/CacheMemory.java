package dev.bms.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.BackupManager;
import dev.bms.api.model.JobId;
import dev.bms.core.Bms;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Memory held by the job cache: the heap in use (after full collections) before and after every
 * one of {@code jobs} jobs has been read once through {@code jobs().get(id)} (each read a miss that
 * caches the job), divided by the number of jobs. Jobs are like the list benchmarks' (one filesystem
 * copy, a label, a description). Run with a fixed heap for stable figures:
 *
 * <pre>{@code java -Xms1g -Xmx1g -cp bms-benchmarks/target/benchmarks.jar dev.bms.benchmarks.CacheMemory 10000}</pre>
 */
public final class CacheMemory {
  private CacheMemory() {
  }

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path work = Files.createTempDirectory("bms-bench-memory-");
    try (BenchmarkDatabase db = BenchmarkDatabase.create("h2", "memory")) {
      BackupManager bms = Bms.builder().storage(db.storage(2)).warmCacheOnStart(false).build();
      bms.start();
      List<JobId> ids;
      try (HikariDataSource raw = db.rawPool(2)) {
        ids = HistorySeeder.seed(bms, raw, work.toString(), jobs, 0);
      }
      // the seeding created (and cached) the first job; read everything once so code paths are loaded
      bms.jobs().require(ids.get(0));
      long before = usedHeapAfterGc();
      for (JobId id : ids) {
        bms.jobs().require(id);
      }
      long after = usedHeapAfterGc();
      double perJob = (after - before) / (double) (jobs - 1);
      System.out.printf(Locale.ROOT, "%d jobs cached: %.1f MiB held, %.0f bytes per job, %.1f MiB per 10,000 jobs%n",
          jobs, (after - before) / 1048576.0, perJob, perJob * 10_000 / 1048576.0);
      bms.close();
    } finally {
      BenchmarkFiles.delete(work);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
