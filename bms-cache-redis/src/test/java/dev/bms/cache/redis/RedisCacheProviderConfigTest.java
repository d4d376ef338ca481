package dev.bms.cache.redis;

import dev.bms.spi.cache.KeyCodec;
import dev.bms.spi.cache.KeyedCache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.InvalidConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisCacheProviderConfigTest {

  @Test
  void everyBadAndUnknownKeyIsReportedAtOnce() {
    Map<String, String> config = Map.of(
        "address", "http://localhost:6379",
        "database", "-1",
        "keyPrefix", "has space",
        "nearCacheSize", "0",
        "nearCacheTtl", "soon",
        "outageNearCacheTtl", "0s",
        "nearCacheTTL", "5m");

    assertThatThrownBy(() -> RedisCacheProvider.fromConfig(config))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
          assertThat(e.component()).isEqualTo("cache 'redis'");
          assertThat(e.problems()).hasSize(7).anySatisfy(p -> assertThat(p)
              .startsWith("address: 'http://localhost:6379'"))
              .anySatisfy(p -> assertThat(p).startsWith("database: '-1'"))
              .anySatisfy(p -> assertThat(p).startsWith("keyPrefix: 'has space'"))
              .anySatisfy(p -> assertThat(p).startsWith("nearCacheSize: '0'"))
              .anySatisfy(p -> assertThat(p).startsWith("nearCacheTtl: 'soon'"))
              .anySatisfy(p -> assertThat(p).startsWith("outageNearCacheTtl: 'PT0S'"))
              .anySatisfy(p -> assertThat(p).isEqualTo("nearCacheTTL: unknown key for cache 'redis'"));
        });
  }

  @Test
  void aValidConfigBuildsAWorkingProvider() {
    String prefix = TestRedis.uniquePrefix();
    try (RedisCacheProvider provider = RedisCacheProvider.fromConfig(Map.of(
        "address", TestRedis.ADDRESS, "database", "0", "keyPrefix", prefix,
        "nearCacheSize", "100", "nearCacheTtl", "2m", "password", ""))) {
      assertThat(provider.type()).isEqualTo("redis");
      assertThat(provider.isRedisUp()).isTrue();
      KeyedCache<String, String> cache = provider.keyedCache("jobs", 1000, Duration.ofMinutes(10), KeyCodec.identity());
      assertThat(cache.get("k", k -> "v")).contains("v");
      assertThat(cache.getIfPresent("k")).contains("v");
    }
  }

  @Test
  void builderRejectsABadOptionNamingIt() {
    assertThatThrownBy(() -> RedisCacheProvider.builder().nearCacheTtl(Duration.ZERO))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("nearCacheTtl: 'PT0S' must be a positive duration");
    assertThatThrownBy(() -> RedisCacheProvider.builder().address("localhost"))
        .hasMessageContaining("address: 'localhost'");
  }

  @Test
  void cacheNamesAreUniquePerProvider() {
    try (RedisCacheProvider provider = TestRedis.provider(TestRedis.uniquePrefix())) {
      provider.keyedCache("jobs", 10, Duration.ofMinutes(1), KeyCodec.identity());
      assertThatThrownBy(() -> provider.keyedCache("jobs", 10, Duration.ofMinutes(1), KeyCodec.identity()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'jobs'");
      assertThatThrownBy(() -> provider.keyedCache("has|bar", 10, Duration.ofMinutes(1), KeyCodec.identity()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name: 'has|bar'");
    }
  }
}
