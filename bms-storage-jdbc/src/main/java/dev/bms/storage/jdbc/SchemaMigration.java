package dev.bms.storage.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings bms's schema up to date with Flyway: the common migrations plus the vendor's own, history
 * in {@code bms_schema_history} so it never clashes with an application's own Flyway.
 */
final class SchemaMigration {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

  private SchemaMigration() {
  }

  /** A Flyway configuration that finds the migrations on this module's class path. */
  static FluentConfiguration flyway() {
    return Flyway.configure(SchemaMigration.class.getClassLoader());
  }

  /** Migrates {@code schema} (or the connection's default schema), creating it if missing. */
  static void migrate(FluentConfiguration flyway, Vendor vendor, Optional<String> schema) {
    List<String> locations = new ArrayList<>(List.of("classpath:db/migration/common"));
    String vendorLocation = "db/migration/" + vendor.databaseId();
    if (SchemaMigration.class.getClassLoader().getResource(vendorLocation) != null) {
      locations.add("classpath:" + vendorLocation);
    }
    flyway.locations(locations.toArray(String[]::new)).table("bms_schema_history");
    schema.ifPresent(s -> flyway.schemas(s).createSchemas(true));
    var result = flyway.load().migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("bms storage schema migrated to version {} ({} migrations)", result.targetSchemaVersion,
          result.migrationsExecuted);
    }
  }
}
