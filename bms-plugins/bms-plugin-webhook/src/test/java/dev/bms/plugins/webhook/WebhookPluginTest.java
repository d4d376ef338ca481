package dev.bms.plugins.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.spi.BmsPlugin;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class WebhookPluginTest {

  @Test
  void isFoundByServiceLoaderAndProvidesTheWebhookNotifier() {
    assertThat(ServiceLoader.load(BmsPlugin.class).stream().map(ServiceLoader.Provider::get))
        .filteredOn(p -> p instanceof WebhookPlugin)
        .singleElement()
        .satisfies(p -> {
          assertThat(p.name()).isEqualTo("webhook");
          assertThat(p.notifiers()).singleElement().satisfies(f -> assertThat(f.type()).isEqualTo("webhook"));
        });
  }
}
