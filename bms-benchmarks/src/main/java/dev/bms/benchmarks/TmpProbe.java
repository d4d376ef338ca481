package dev.bms.benchmarks;

import dev.bms.api.model.*;
import java.util.*;

public class TmpProbe {
  public static void main(String[] a) throws Exception {
    String db = a[0];
    int jobs = Integer.parseInt(a[1]);
    JobHistoryBenchmark h = new JobHistoryBenchmark();
    h.db = db; h.jobs = jobs;
    h.setUp();
    java.lang.reflect.Field f = JobHistoryBenchmark.class.getDeclaredField("bms"); f.setAccessible(true);
    dev.bms.api.BackupManager bms = (dev.bms.api.BackupManager) f.get(h);
    for (int r = 0; r < 30; r++) {
      long t0 = System.nanoTime();
      Page<Job> page = bms.jobs().list(JobFilter.all(), PageRequest.first(jobs));
      long t1 = System.nanoTime();
      List<JobId> ids = page.items().stream().map(Job::id).toList();
      Map<JobId, List<Execution>> m = bms.executions().latestByJobs(ids, 20);
      long t2 = System.nanoTime();
      h.rawJobsWithExecutions();
      long t3 = System.nanoTime();
      JobOverviewProbe.over(bms, jobs);
      long t4 = System.nanoTime();
      if (r % 5 == 4) System.out.printf("list %.1f ms, latestByJobs %.1f ms, raw %.1f ms overview %.1f%n", (t1-t0)/1e6, (t2-t1)/1e6, (t3-t2)/1e6, (t4-t3)/1e6);
    }
    h.tearDown();
  }
}
class JobOverviewProbe {
  static void over(dev.bms.api.BackupManager bms, int jobs) { bms.jobs().overview(JobFilter.all(), PageRequest.first(jobs)); }
}
