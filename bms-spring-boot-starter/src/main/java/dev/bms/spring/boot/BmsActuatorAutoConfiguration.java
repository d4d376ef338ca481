package dev.bms.spring.boot;

import dev.bms.api.BackupManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator integration: a {@code bms} health indicator and info contributor, when the application has
 * Spring Boot's health or actuator modules.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = BmsAutoConfiguration.class)
@ConditionalOnBean(BackupManager.class)
public class BmsActuatorAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Health {
    @Bean(name = "bmsHealthIndicator")
    @ConditionalOnMissingBean(name = "bmsHealthIndicator")
    BmsHealthIndicator bmsHealthIndicator(BackupManager manager, BmsLifecycle lifecycle) {
      return new BmsHealthIndicator(manager, lifecycle);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
  static class Info {
    @Bean
    @ConditionalOnMissingBean
    BmsInfoContributor bmsInfoContributor(BmsProperties properties) {
      return new BmsInfoContributor(properties);
    }
  }
}
