package dev.bms.examples.boot;

import dev.bms.api.BackupManager;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.JobId;
import dev.bms.api.model.Schedule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Creates a directory backup job and runs it: the BackupManager is an ordinary injected bean. */
@RestController
@RequestMapping("/backups")
public class BackupController {
  private final BackupManager bms;

  public BackupController(BackupManager bms) {
    this.bms = bms;
  }

  /** A request to back up {@code source} into {@code target}, both absolute directories. */
  public record DirectoryJob(String name, String source, String target) {}

  @PostMapping
  public Map<String, Object> create(@RequestBody DirectoryJob request) {
    JobId id = bms.jobs().create(BackupJob.builder(request.name())
        .source("directory", Map.of("path", request.source()))
        .schedule(Schedule.manual())
        .copy(CopySpec.target("filesystem", Map.of("root", request.target(), "initialize", "true")).named("local"))
        .build());
    return Map.of("id", id.toString());
  }

  @PostMapping("/{id}/run")
  public Map<String, Object> run(@PathVariable String id) {
    Execution run = bms.executions().runNow(JobId.parse(id));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("execution", run.id().toString());
    out.put("status", run.status().name());
    out.put("bytes", run.copies().stream().mapToLong(c -> c.bytes()).sum());
    return out;
  }
}
