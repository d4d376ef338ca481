package dev.bms.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that embeds bms: the starter builds a started {@code BackupManager} on the
 * application's DataSource (PostgreSQL, schema {@code bms}), with the application's MeterRegistry, and
 * adds {@code bms} to {@code /actuator/health}. {@link BackupController} exposes a few calls over HTTP.
 */
@SpringBootApplication
public class BackupApplication {
  public static void main(String[] args) {
    SpringApplication.run(BackupApplication.class, args);
  }
}
