package dev.bms.storage.jdbc;

import dev.bms.spi.storage.Storage;
import dev.bms.testkit.storage.AlertStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The alert store contract on the real PostgreSQL, in its own random schema (emptied per test, dropped after). */
class PostgresAlertStoreTest extends AlertStoreContract {
  private static final String SCHEMA = PostgresSupport.randomSchema();

  @Override
  protected Storage createStorage() {
    JdbcStorage storage = JdbcStorage.builder()
        .url(PostgresSupport.URL)
        .credentials(PostgresSupport.USER, PostgresSupport.PASSWORD)
        .schema(SCHEMA)
        .poolSize(4)
        .build();
    storage.start();
    PostgresSupport.execute("TRUNCATE " + SCHEMA + ".bms_job, " + SCHEMA + ".bms_alert, " + SCHEMA
        + ".bms_alert_silence, " + SCHEMA + ".bms_alert_notification CASCADE");
    return storage;
  }

  @AfterAll
  static void dropSchema() {
    PostgresSupport.dropSchema(SCHEMA);
  }
}
