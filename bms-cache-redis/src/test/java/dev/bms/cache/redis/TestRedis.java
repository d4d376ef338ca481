package dev.bms.cache.redis;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** The shared Redis the tests use, and a unique key prefix per test class. */
final class TestRedis {
  static final String ADDRESS = "redis://127.0.0.1:6379";

  private TestRedis() {}

  static String uniquePrefix() {
    return "bmstest-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static RedisCacheProvider provider(String address, String prefix, MeterRegistry registry) {
    return RedisCacheProvider.builder().address(address).keyPrefix(prefix).meterRegistry(registry).build();
  }

  static RedisCacheProvider provider(String prefix) {
    return provider(ADDRESS, prefix, new SimpleMeterRegistry());
  }

  /** Deletes every key under the prefix (rate limiter state); pub/sub leaves no keys. */
  static void deleteKeys(String address, String prefix) {
    Config config = new Config();
    config.useSingleServer().setAddress(address);
    RedissonClient client = Redisson.create(config);
    try {
      client.getKeys().deleteByPattern(prefix + ":*");
    } finally {
      client.shutdown();
    }
  }

  static long countKeys(String address, String prefix) {
    Config config = new Config();
    config.useSingleServer().setAddress(address);
    RedissonClient client = Redisson.create(config);
    try {
      return client.getKeys().getKeysStreamByPattern(prefix + ":*").count();
    } finally {
      client.shutdown();
    }
  }
}
