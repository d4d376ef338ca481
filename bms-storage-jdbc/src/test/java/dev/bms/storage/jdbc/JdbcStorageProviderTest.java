package dev.bms.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.InvalidConfigException;
import dev.bms.api.StorageException;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageProvider;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class JdbcStorageProviderTest {

  private static Storage create(Map<String, String> keys) {
    return new JdbcStorageProvider().create(new PluginConfig("storage 'jdbc'", keys));
  }

  @Test
  void isFoundByServiceLoaderAsTypeJdbc() {
    assertThat(ServiceLoader.load(StorageProvider.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(p -> {
          assertThat(p).isInstanceOf(JdbcStorageProvider.class);
          assertThat(p.type()).isEqualTo("jdbc");
        });
  }

  @Test
  void reportsEveryBadAndUnknownKeyAtOnce() {
    assertThatThrownBy(() -> create(Map.of(
        "url", "jdbc:mysql://db/x",
        "poolSize", "0",
        "schema", "Bad-Schema",
        "rooot", "typo")))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
            .hasSize(4)
            .anySatisfy(p -> assertThat(p).startsWith("url:").contains("jdbc:mysql://db/x"))
            .anySatisfy(p -> assertThat(p).startsWith("poolSize:").contains("'0'"))
            .anySatisfy(p -> assertThat(p).startsWith("schema:").contains("Bad-Schema"))
            .anySatisfy(p -> assertThat(p).startsWith("rooot:").contains("unknown")));
  }

  @Test
  void credentialsWithoutUrlAreRefused() {
    assertThatThrownBy(() -> create(Map.of("user", "bms", "password", "secret")))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("user:"))
            .anySatisfy(p -> assertThat(p).startsWith("password:")));
  }

  @Test
  void withoutUrlIsEmbeddedH2UnderBmsData() {
    Storage storage = create(Map.of());
    assertThat(storage.describe()).contains("jdbc:h2:file:").contains("bms-data");
    storage.close();
  }

  @Test
  void createsWithoutConnectingAndHidesThePassword() {
    // nothing listens on port 1: create must not connect, start must fail as a StorageException
    Storage storage = create(Map.of("url", "jdbc:postgresql://127.0.0.1:1/none?password=hunter2",
        "user", "bms", "password", "hunter2", "schema", "bms", "poolSize", "3"));
    assertThat(storage.describe()).doesNotContain("hunter2").contains("schema bms").contains("pool 3");

    assertThatThrownBy(storage::start).isInstanceOf(StorageException.class)
        .hasMessageNotContaining("hunter2");
    storage.close();
  }

  @Test
  void validConfigurationConnectsToPostgres() {
    String schema = PostgresSupport.randomSchema();
    try (Storage storage = create(Map.of("url", PostgresSupport.URL, "user", PostgresSupport.USER,
        "schema", schema, "poolSize", "2"))) {
      storage.start();
      assertThat(storage.now()).isNotNull();
      assertThat(storage.jobs().count(dev.bms.api.model.JobFilter.all())).isZero();
    } finally {
      PostgresSupport.dropSchema(schema);
    }
  }
}
