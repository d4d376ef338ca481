package dev.bms.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds bms's version and effective settings to {@code /actuator/info} under {@code bms}.
 *
 * @since 0.1.0
 */
public class BmsInfoContributor implements InfoContributor {
  private final BmsProperties properties;

  public BmsInfoContributor(BmsProperties properties) {
    this.properties = properties;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> bms = new LinkedHashMap<>();
    String version = BmsInfoContributor.class.getPackage().getImplementationVersion();
    bms.put("version", version == null ? "development" : version);
    bms.put("scheduler", properties.getScheduler().isEnabled() ? "enabled" : "disabled");
    bms.put("storage", properties.getStorage().isUseApplicationDataSource() ? "application DataSource (or embedded H2 without one)"
        : "embedded H2 in " + properties.getStorage().getEmbeddedDirectory());
    bms.put("cache", properties.getCache().getRedis().getAddress() == null ? "local" : "redis");
    builder.withDetail("bms", bms);
  }
}
