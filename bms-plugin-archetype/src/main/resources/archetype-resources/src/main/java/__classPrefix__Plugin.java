package ${package};

import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import java.util.List;

/**
 * The plugin root bms finds through {@code META-INF/services/dev.bms.spi.BmsPlugin}. It provides
 * one target type, {@code ${targetType}}; sources, notifiers and compliance rules
 * default to none.
 */
public final class ${classPrefix}Plugin implements BmsPlugin {
  @Override
  public String name() {
    return "${artifactId}";
  }

  @Override
  public List<BackupTargetFactory> targets() {
    return List.of(new ${classPrefix}TargetFactory());
  }
}
