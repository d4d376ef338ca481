package dev.bms.plugins.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.spi.BmsPlugin;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EmailPluginTest {

  @Test
  void isFoundByServiceLoaderAndProvidesTheEmailNotifier() {
    assertThat(ServiceLoader.load(BmsPlugin.class).stream().map(ServiceLoader.Provider::get))
        .filteredOn(p -> p instanceof EmailPlugin)
        .singleElement()
        .satisfies(p -> {
          assertThat(p.name()).isEqualTo("email");
          assertThat(p.notifiers()).singleElement().satisfies(f -> assertThat(f.type()).isEqualTo("email"));
        });
  }
}
