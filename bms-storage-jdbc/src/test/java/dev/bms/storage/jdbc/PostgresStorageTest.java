package dev.bms.storage.jdbc;

import dev.bms.spi.storage.Storage;
import dev.bms.testkit.storage.StorageContract;
import org.junit.jupiter.api.AfterAll;

/**
 * The storage contract on the real PostgreSQL: this class has its own random schema, emptied
 * before every test and dropped afterwards.
 */
class PostgresStorageTest extends StorageContract {
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
    // CASCADE empties every table that references jobs, whatever later migrations add
    PostgresSupport.execute("TRUNCATE " + SCHEMA + ".bms_job CASCADE");
    return storage;
  }

  @AfterAll
  static void dropSchema() {
    PostgresSupport.dropSchema(SCHEMA);
  }
}
