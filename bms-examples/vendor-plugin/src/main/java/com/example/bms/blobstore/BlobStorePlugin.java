package com.example.bms.blobstore;

import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import java.util.List;

/**
 * The plugin's root, listed in {@code META-INF/services/dev.bms.spi.BmsPlugin} so bms finds it on
 * the class path. It provides one target type, {@code "blobstore"}.
 */
public final class BlobStorePlugin implements BmsPlugin {

  @Override
  public String name() {
    return "example-blobstore";
  }

  @Override
  public List<BackupTargetFactory> targets() {
    return List.of(new BlobStoreTargetFactory());
  }
}
