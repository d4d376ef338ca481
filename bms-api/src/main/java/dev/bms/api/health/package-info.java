/**
 * Health of a running manager: {@link dev.bms.api.health.Health} from
 * {@link dev.bms.api.BackupManager#health()}, one {@link dev.bms.api.health.ComponentHealth} per
 * component, for readiness probes.
 */
package dev.bms.api.health;
