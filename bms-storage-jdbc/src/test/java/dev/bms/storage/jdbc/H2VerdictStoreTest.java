package dev.bms.storage.jdbc;

import dev.bms.spi.storage.Storage;
import dev.bms.testkit.storage.VerdictStoreContract;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The stored-verdict contract on embedded H2: a fresh database file per test. */
class H2VerdictStoreTest extends VerdictStoreContract {
  @TempDir
  static Path root;

  private static final AtomicInteger COUNTER = new AtomicInteger();

  @Override
  protected Storage createStorage() {
    JdbcStorage storage = JdbcStorage.embedded(root.resolve("db-" + COUNTER.incrementAndGet()));
    storage.start();
    return storage;
  }
}
