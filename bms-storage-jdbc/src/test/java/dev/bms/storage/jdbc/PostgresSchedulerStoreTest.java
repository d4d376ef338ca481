package dev.bms.storage.jdbc;

import dev.bms.spi.storage.Storage;
import dev.bms.testkit.storage.SchedulerStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The scheduler store contract on the real PostgreSQL, in a schema of this class's own. */
class PostgresSchedulerStoreTest extends SchedulerStoreContract {
  private static final String SCHEMA = PostgresSupport.randomSchema();

  @Override
  protected Storage createStorage() {
    JdbcStorage storage = JdbcStorage.builder().url(PostgresSupport.URL)
        .credentials(PostgresSupport.USER, PostgresSupport.PASSWORD).schema(SCHEMA).poolSize(4).build();
    storage.start();
    PostgresSupport.execute("TRUNCATE " + SCHEMA + ".bms_job CASCADE");
    return storage;
  }

  @AfterAll
  static void dropSchema() {
    PostgresSupport.dropSchema(SCHEMA);
  }
}
