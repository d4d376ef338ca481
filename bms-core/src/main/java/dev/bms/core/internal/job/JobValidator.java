package dev.bms.core.internal.job;

import dev.bms.api.InvalidConfigException;
import dev.bms.api.InvalidJobException;
import dev.bms.api.UnknownPluginException;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Schedule;
import dev.bms.core.internal.plugin.PluginRegistry;
import dev.bms.core.internal.schedule.ScheduleValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a job definition completely before anything is written: its structure, then each
 * plugin's configuration. Problems are collected and reported together.
 */
public final class JobValidator {
  private final PluginRegistry plugins;

  public JobValidator(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  /**
   * @throws UnknownPluginException when the source or a copy names a type no plugin provides
   * @throws InvalidJobException listing every other problem
   */
  public void validate(BackupJob job) {
    List<String> problems = new ArrayList<>(job.structuralProblems());
    if (job.schedule() instanceof Schedule.Cron cron) {
      ScheduleValidator.cronProblem(cron).ifPresent(p -> problems.add("schedule.expression: " + p));
    }
    if (!job.source().isExternal()) {
      if (!plugins.hasSource(job.source().type())) {
        throw new UnknownPluginException("source", job.source().type(), plugins.sourceTypes(), "source");
      }
      try {
        plugins.source(job.source().type(), job.source().config());
      } catch (InvalidConfigException e) {
        e.problems().forEach(p -> problems.add("source (" + job.source().type() + ") " + p));
      }
    }
    List<CopySpec> copies = job.copies();
    for (int i = 0; i < copies.size(); i++) {
      CopySpec copy = copies.get(i);
      String where = "copies[" + i + "] '" + copy.name() + "'";
      if (!plugins.hasTarget(copy.targetType())) {
        throw new UnknownPluginException("target", copy.targetType(), plugins.targetTypes(), where);
      }
      // A managed job's copies are written by bms; a reported job's copies only describe where
      // another tool wrote, but their configuration must still be valid for verification.
      try {
        plugins.validateTarget(copy.targetType(), copy.config());
      } catch (InvalidConfigException e) {
        for (String p : e.problems()) {
          problems.add(where + " (" + copy.targetType() + ") " + p);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidJobException(job.name(), problems);
    }
  }
}
