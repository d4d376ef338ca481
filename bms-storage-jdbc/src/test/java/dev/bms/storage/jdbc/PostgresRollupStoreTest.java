package dev.bms.storage.jdbc;

import dev.bms.spi.storage.Storage;
import dev.bms.testkit.storage.RollupStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The rollup contract on the real PostgreSQL, in a random schema emptied before each test. */
class PostgresRollupStoreTest extends RollupStoreContract {
  private static final String SCHEMA = PostgresSupport.randomSchema();

  @Override
  protected Storage createStorage() {
    JdbcStorage storage = JdbcStorage.builder()
        .url(PostgresSupport.URL)
        .credentials(PostgresSupport.USER, PostgresSupport.PASSWORD)
        .schema(SCHEMA)
        .poolSize(2)
        .build();
    storage.start();
    PostgresSupport.execute("TRUNCATE " + SCHEMA + ".bms_job, " + SCHEMA + ".bms_compliance_default CASCADE");
    return storage;
  }

  @AfterAll
  static void dropSchema() {
    PostgresSupport.dropSchema(SCHEMA);
  }
}
