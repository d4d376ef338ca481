package dev.bms.storage.jdbc;

import dev.bms.spi.storage.Storage;
import dev.bms.testkit.storage.VerdictStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The stored-verdict contract on the real PostgreSQL, in a random schema emptied before each test. */
class PostgresVerdictStoreTest extends VerdictStoreContract {
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
