package dev.bms.core.internal.engine;

import dev.bms.api.RetentionService;
import dev.bms.api.ScheduleService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * What the facade needs from scheduling, execution and retention, injected as one piece so the
 * facade's constructor stays as it is.
 *
 * @param engine the scheduler and executor
 * @param retention retention of restore points
 * @param schedules job status
 * @param queue submit and cancel
 */
@Singleton
public record EngineServices(ExecutionEngine engine, RetentionService retention, ScheduleService schedules,
                             QueueControl queue) {
  @Inject
  public EngineServices {
  }
}
