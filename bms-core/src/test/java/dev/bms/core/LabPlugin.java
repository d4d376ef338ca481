package dev.bms.core;

import dev.bms.api.model.Manifest;
import dev.bms.api.model.MediaType;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.BackupTargetFactory;
import dev.bms.spi.BmsPlugin;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.spi.StoredCopy;
import dev.bms.spi.TargetCapabilities;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Target type "lab": an in-memory target whose declared capabilities come from its configuration
 * (mediaType, failureDomain, offsite, immutable, offline) and whose {@code lockedUntil} answers as
 * key {@code lock} says: {@code none} (reports no lock: a claim it cannot prove), {@code valid}
 * (30 days ahead), {@code expired} (an hour ago). Key {@code enforcement} ({@code ADVISORY} by
 * default, or {@code ENFORCED}) is its declared lock enforcement.
 */
final class LabPlugin implements BmsPlugin {
  static final Map<String, Map<String, byte[]>> STORE = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "lab";
  }

  @Override
  public List<BackupTargetFactory> targets() {
    return List.of(new BackupTargetFactory() {
      @Override
      public String type() {
        return "lab";
      }

      @Override
      public BackupTarget create(PluginConfig config, PluginContext context) {
        TargetCapabilities caps = new TargetCapabilities(
            config.enumValue("mediaType", MediaType.class, MediaType.OBJECT_STORAGE),
            config.string("failureDomain", "lab"), config.bool("offsite", false), config.bool("immutable", false),
            config.bool("offline", false),
            config.enumValue("enforcement", dev.bms.spi.LockEnforcement.class, dev.bms.spi.LockEnforcement.ADVISORY));
        String lock = config.string("lock", "none");
        config.validate();
        return new LabTarget(caps, lock);
      }
    });
  }

  /** Lab target config. */
  static Map<String, String> lab(String mediaType, String domain, boolean offsite, boolean immutable, boolean offline,
                                 String lock) {
    return Map.of("mediaType", mediaType, "failureDomain", domain, "offsite", Boolean.toString(offsite),
        "immutable", Boolean.toString(immutable), "offline", Boolean.toString(offline), "lock", lock);
  }

  /** Lab target config with a declared lock enforcement. */
  static Map<String, String> lab(String mediaType, String domain, boolean offsite, boolean immutable, boolean offline,
                                 String lock, dev.bms.spi.LockEnforcement enforcement) {
    Map<String, String> config = new java.util.HashMap<>(lab(mediaType, domain, offsite, immutable, offline, lock));
    config.put("enforcement", enforcement.name());
    return config;
  }

  private record LabTarget(TargetCapabilities capabilities, String lock) implements BackupTarget {
    @Override
    public WriteSession openWrite(WriteRequest request) {
      String location = "lab:" + UUID.randomUUID();
      Map<String, byte[]> files = new ConcurrentHashMap<>();
      return new WriteSession() {
        @Override
        public OutputStream openEntry(String path, long size) {
          return new ByteArrayOutputStream() {
            @Override
            public void close() {
              files.put(path, toByteArray());
            }
          };
        }

        @Override
        public StoredCopy commit(Manifest manifest) {
          STORE.put(location, files);
          return new StoredCopy(location, capabilities.immutable()
              ? Optional.of(Instant.now().plus(Duration.ofDays(30))) : Optional.empty());
        }

        @Override
        public void abort() {
        }
      };
    }

    @Override
    public InputStream openRead(String location, String path) throws IOException {
      byte[] data = STORE.getOrDefault(location, Map.of()).get(path);
      if (data == null) {
        throw new NoSuchFileException(path);
      }
      return new ByteArrayInputStream(data);
    }

    @Override
    public List<String> list(String location) {
      return STORE.getOrDefault(location, Map.of()).keySet().stream().sorted().toList();
    }

    @Override
    public void delete(String location) {
      STORE.remove(location);
    }

    @Override
    public Optional<Instant> lockedUntil(String location) {
      return switch (lock) {
        case "valid" -> Optional.of(Instant.now().plus(Duration.ofDays(30)));
        case "expired" -> Optional.of(Instant.now().minus(Duration.ofHours(1)));
        default -> Optional.empty();
      };
    }
  }
}
