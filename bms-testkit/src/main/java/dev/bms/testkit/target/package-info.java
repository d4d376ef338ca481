/**
 * The compatibility kit for {@link dev.bms.spi.BackupTarget} implementations:
 * {@link dev.bms.testkit.target.BackupTargetContract}.
 */
package dev.bms.testkit.target;
