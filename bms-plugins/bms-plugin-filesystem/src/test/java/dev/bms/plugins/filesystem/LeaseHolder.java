package dev.bms.plugins.filesystem;

import dev.bms.api.model.ExecutionId;
import dev.bms.api.model.JobId;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Run in a child JVM by {@link FilesystemTargetGuardsTest}: opens a copy of job {@code args[1]} on
 * the target at {@code args[0]}, writes one entry, says READY and waits to be killed mid-write.
 */
public final class LeaseHolder {
  private LeaseHolder() {
  }

  public static void main(String[] args) throws Exception {
    BackupTarget target = new FilesystemTargetFactory().create(new PluginConfig("target 'filesystem'",
        Map.of("root", args[0], "initialize", "true")), PluginContext.standalone());
    WriteSession session = target.openWrite(new WriteRequest(new JobId(UUID.randomUUID()), args[1],
        new ExecutionId(UUID.randomUUID()), "primary", Instant.now()));
    try (OutputStream out = session.openEntry("half-written.bin", 10)) {
      out.write(new byte[5]);
    }
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
