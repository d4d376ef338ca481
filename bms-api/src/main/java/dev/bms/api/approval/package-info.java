/**
 * Four-eyes approval of destructive operations: with {@link dev.bms.api.approval.FourEyesPolicy}
 * enabled on the builder, a guarded call made through {@code bms.as(actor)} does not run; it becomes
 * a pending {@link dev.bms.api.approval.ApprovalRequest} that a different actor approves (the call
 * then runs once, as the requester) or rejects, through {@link dev.bms.api.approval.ApprovalService}.
 * See {@code docs/security.md}.
 *
 * @since 0.2.0
 */
package dev.bms.api.approval;
