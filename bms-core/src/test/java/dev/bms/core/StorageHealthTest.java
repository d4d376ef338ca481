package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bms.api.BackupManager;
import dev.bms.api.event.BmsEvent;
import dev.bms.api.event.StorageDownEvent;
import dev.bms.api.event.StorageUpEvent;
import dev.bms.api.health.ComponentHealth.State;
import dev.bms.api.health.Health;
import dev.bms.storage.jdbc.JdbcStorage;
import dev.bms.testkit.jdbc.TcpProxy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 11.5: {@code health()} follows the storage down and up (PostgreSQL behind a TCP proxy the
 * test cuts, so the shared server is never touched), with one event and a gauge per transition.
 */
class StorageHealthTest {
  private static final String PG = "127.0.0.1";

  @Test
  void healthEventsAndGaugeFollowTheStorageDownAndUp() throws Exception {
    String schema = "bms_health_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    List<BmsEvent> events = new CopyOnWriteArrayList<>();
    try (TcpProxy proxy = TcpProxy.to(PG, 5432);
         BackupManager bms = Bms.builder()
             .storage(JdbcStorage.builder()
                 .url("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test")
                 .credentials("postgres", "")
                 .schema(schema)
                 .connectionTimeout(Duration.ofMillis(500))
                 .build())
             .meterRegistry(meters)
             .instanceId("health")
             .build()) {
      assertThat(bms.health().storage().state()).isEqualTo(State.DOWN);
      assertThat(bms.health().storage().detail()).contains("not started");
      bms.subscribe(events::add);
      bms.start();
      Health up = bms.health();
      assertThat(up.ready()).isTrue();
      assertThat(up.cache().state()).isEqualTo(State.UP);
      assertThat(up.scheduler().state()).isEqualTo(State.UP);
      assertThat(meters.get("bms.storage.up").gauge().value()).isEqualTo(1.0);

      proxy.cut();
      await().atMost(Duration.ofSeconds(20)).until(() -> !bms.health().ready());
      Health down = bms.health();
      assertThat(down.storage().detail()).isPresent();
      assertThat(down.allUp()).isFalse();
      assertThat(meters.get("bms.storage.up").gauge().value()).isEqualTo(0.0);
      assertThat(events).filteredOn(StorageDownEvent.class::isInstance).hasSize(1);

      proxy.restore();
      await().atMost(Duration.ofSeconds(20)).until(() -> bms.health().ready());
      assertThat(bms.health().storage().since()).isAfterOrEqualTo(down.storage().since());
      assertThat(meters.get("bms.storage.up").gauge().value()).isEqualTo(1.0);
      await().atMost(Duration.ofSeconds(5))
          .until(() -> events.stream().filter(StorageUpEvent.class::isInstance).count() == 1);
      assertThat(events).filteredOn(StorageDownEvent.class::isInstance).hasSize(1);
    } finally {
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
        c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
