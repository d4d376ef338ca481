package dev.bms.core.internal.approval;

import dev.bms.api.approval.GuardedAction;
import dev.bms.api.audit.ResourceRef;

/**
 * Why a call is held for approval.
 *
 * @param action the guarded action it is
 * @param resource what it acts on
 * @param summary one line naming what it would do
 */
record Hold(GuardedAction action, ResourceRef resource, String summary) {
}
