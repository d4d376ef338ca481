package ${package};

import dev.bms.api.model.MediaType;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.TargetCapabilities;

/**
 * Creates {@code ${targetType}} targets from a job's copy configuration. bms calls {@code create}
 * when a job is created or updated (to validate it) and keeps the instance for every execution with
 * the same configuration: keep it cheap (no network round trips) and report every problem at once.
 *
 * <p>Keys: {@code bucket} (required: where copies go), {@code offsite} (default false),
 * {@code failureDomain} (default {@code "${targetType}:<bucket>"}).
 */
public final class ${classPrefix}TargetFactory implements BackupTargetFactory {
  /** The type name jobs use: {@code CopySpec.target("${targetType}", Map.of("bucket", "..."))}. */
  public static final String TYPE = "${targetType}";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public BackupTarget create(PluginConfig config, PluginContext context) {
    String bucket = config.requireString("bucket");
    boolean offsite = config.bool("offsite", false);
    String failureDomain = config.string("failureDomain", TYPE + ":" + bucket);
    config.validate(); // every problem and every unknown key at once, each named
    // keep what the target needs from context (its clock, metrics, secrets) rather than globals
    // replace: connect your storage client here (lazily, if connecting costs a round trip)
    InMemoryObjectStore store = InMemoryObjectStore.bucket(bucket);
    TargetCapabilities capabilities = new TargetCapabilities(MediaType.OBJECT_STORAGE, failureDomain, offsite,
        false, false);
    return new ${classPrefix}Target(bucket, store, capabilities);
  }
}
