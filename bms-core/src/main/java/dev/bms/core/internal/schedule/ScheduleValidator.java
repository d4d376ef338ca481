package dev.bms.core.internal.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import dev.bms.api.model.Schedule;
import java.util.Optional;

/** Validates schedules with cron-utils (Unix 5-field cron). */
public final class ScheduleValidator {
  private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private ScheduleValidator() {
  }

  /** Why the expression is not valid Unix cron, if it is not. */
  public static Optional<String> cronProblem(Schedule.Cron cron) {
    try {
      UNIX.parse(cron.expression()).validate();
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("'" + cron.expression() + "' is not a valid 5-field cron expression: " + e.getMessage());
    }
  }

  /** The shared parser for Unix cron expressions. */
  public static CronParser unixParser() {
    return UNIX;
  }
}
