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
    PostgresSupport.execute("TRUNCATE " + SCHEMA + ".bms_job, " + SCHEMA + ".bms_job_label, "
        + SCHEMA + ".bms_execution, " + SCHEMA + ".bms_copy_result");
    return storage;
  }

  @AfterAll
  static void dropSchema() {
    PostgresSupport.dropSchema(SCHEMA);
  }
}
