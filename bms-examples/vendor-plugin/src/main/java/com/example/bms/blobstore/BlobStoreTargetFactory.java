package com.example.bms.blobstore;

import dev.bms.api.model.MediaType;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.TargetCapabilities;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates {@code "blobstore"} targets. Keys: {@code root} (required, an existing absolute
 * directory), {@code offsite} (default false), {@code failureDomain} (default {@code "local"}).
 * Reads every key, then {@link PluginConfig#validate()} reports every problem at once, unknown keys
 * included. The target records its commits and deduplicated blobs through the manager's metrics
 * ({@link PluginContext#metrics()}): {@code bms.plugin.blobstore.copies.committed} and
 * {@code bms.plugin.blobstore.blobs.deduplicated}.
 */
public final class BlobStoreTargetFactory implements BackupTargetFactory {

  @Override
  public String type() {
    return "blobstore";
  }

  @Override
  public BackupTarget create(PluginConfig config, PluginContext context) {
    Path root = config.requirePath("root");
    boolean offsite = config.bool("offsite", false);
    String failureDomain = config.string("failureDomain", "local");
    if (!root.toString().isEmpty() && (!root.isAbsolute() || !Files.isDirectory(root))) {
      config.problem("root", "'" + root + "' must be an existing absolute directory");
    }
    config.validate();
    return new BlobStoreTarget(root.toAbsolutePath().normalize(),
        new TargetCapabilities(MediaType.LOCAL_DISK, failureDomain, offsite, false, false), context.metrics());
  }
}
