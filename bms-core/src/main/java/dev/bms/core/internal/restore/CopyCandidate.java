package dev.bms.core.internal.restore;

import dev.bms.spi.BackupTarget;

/**
 * One copy a restore may read from.
 *
 * @param copyName the copy's name
 * @param targetType its target type
 * @param location where its target put it
 * @param target the target to read through
 * @param why why it sits at its place in the order (for logs and dry runs)
 */
record CopyCandidate(String copyName, String targetType, String location, BackupTarget target, String why) {
}
