/**
 * The JDBC storage of bms: {@link dev.bms.storage.jdbc.JdbcStorage} on an embedded H2 database
 * (the default) or PostgreSQL, with Flyway migrations and MyBatis mappers.
 * {@link dev.bms.storage.jdbc.JdbcStorageProvider} registers it as storage type {@code "jdbc"}.
 */
package dev.bms.storage.jdbc;
