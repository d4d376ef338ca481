package dev.bms.core.internal;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import org.slf4j.MDC;

/**
 * Puts the job and execution ids into the SLF4J MDC ({@code bms.job}, {@code bms.jobName},
 * {@code bms.execution}) for the duration of a try-with-resources block, restoring what was there.
 */
public final class Mdc implements AutoCloseable {
  public static final String JOB = "bms.job";
  public static final String JOB_NAME = "bms.jobName";
  public static final String EXECUTION = "bms.execution";

  private final String previousJob;
  private final String previousJobName;
  private final String previousExecution;

  private Mdc(JobId job, String jobName, ExecutionId execution) {
    previousJob = MDC.get(JOB);
    previousJobName = MDC.get(JOB_NAME);
    previousExecution = MDC.get(EXECUTION);
    MDC.put(JOB, job.toString());
    MDC.put(JOB_NAME, jobName);
    if (execution != null) {
      MDC.put(EXECUTION, execution.toString());
    }
  }

  /** Sets the job (and execution, may be null) for the current thread. */
  public static Mdc of(JobId job, String jobName, ExecutionId execution) {
    return new Mdc(job, jobName, execution);
  }

  @Override
  public void close() {
    restore(JOB, previousJob);
    restore(JOB_NAME, previousJobName);
    restore(EXECUTION, previousExecution);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
