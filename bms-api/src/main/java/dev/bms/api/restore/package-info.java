/**
 * Restore: the values of {@link dev.bms.api.RestoreService} — requests, plans, tracked restore
 * executions, per-file problems, catalog entries and restore-time evidence.
 */
package dev.bms.api.restore;
