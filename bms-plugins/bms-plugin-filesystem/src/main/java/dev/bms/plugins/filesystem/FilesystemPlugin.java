package dev.bms.plugins.filesystem;

import dev.bms.spi.BackupSourceFactory;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import java.util.List;

/**
 * Provides the {@code "filesystem"} target and the {@code "directory"} source. Registered in
 * {@code META-INF/services/dev.bms.spi.BmsPlugin}, so putting this jar on the class path is enough;
 * it can also be registered explicitly with {@code new FilesystemPlugin()}.
 *
 * <p>Target keys: {@code root} (required, absolute, existing directory), {@code subdirectory}
 * (relative, inside root), {@code mediaType} (default {@code LOCAL_DISK}), {@code failureDomain}
 * (default {@code host:<hostname>}), {@code offsite} (default false), {@code immutableDays}
 * (default 0, no lock), {@code fsync} (default true).
 *
 * <p>Source keys: {@code path} (required, existing directory), {@code include} and
 * {@code exclude} (globs on the {@code /}-separated relative path), {@code followLinks}
 * (default false).
 */
public final class FilesystemPlugin implements BmsPlugin {

  /** Creates the plugin; ServiceLoader needs the public no-argument constructor. */
  public FilesystemPlugin() {
  }

  @Override
  public String name() {
    return "filesystem";
  }

  @Override
  public List<BackupTargetFactory> targets() {
    return List.of(new FilesystemTargetFactory());
  }

  @Override
  public List<BackupSourceFactory> sources() {
    return List.of(new DirectorySourceFactory());
  }
}
