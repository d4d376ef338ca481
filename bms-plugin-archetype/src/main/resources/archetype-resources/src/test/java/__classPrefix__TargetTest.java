package ${package};

import dev.bms.spi.BackupTarget;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.testkit.target.BackupTargetContract;
import java.nio.file.Path;
import java.util.Map;

/**
 * The bms compatibility kit against the {@code ${targetType}} target: every inherited test must
 * pass. Each kit directory becomes its own bucket, so targets the kit makes from different
 * directories do not share copies (and a target re-created on the same directory does).
 */
class ${classPrefix}TargetTest extends BackupTargetContract {

  @Override
  protected BackupTarget createTarget(Path dir) {
    return new ${classPrefix}TargetFactory().create(
        new PluginConfig("target '${targetType}'", Map.of("bucket", dir.toString())), PluginContext.standalone());
  }

  @Override
  protected void flipOneByte(BackupTarget target, String location, String path) {
    ${classPrefix}Target t = (${classPrefix}Target) target;
    InMemoryObjectStore store = InMemoryObjectStore.bucket(bucketOf(location));
    byte[] bytes = store.get(t.copyIdOf(location), path).orElseThrow().clone();
    bytes[bytes.length / 2] ^= 0x01;
    store.overwrite(t.copyIdOf(location), path, bytes);
  }

  @Override
  protected void removeStoredFile(BackupTarget target, String location, String path) {
    ${classPrefix}Target t = (${classPrefix}Target) target;
    InMemoryObjectStore.bucket(bucketOf(location)).remove(t.copyIdOf(location), path);
  }

  private static String bucketOf(String location) {
    String rest = location.substring("${targetType}://".length());
    return rest.substring(0, rest.lastIndexOf('/'));
  }
}
