/**
 * The audit trail: who changed what, when, with which outcome, hash-chained so that an altered,
 * removed or reordered record is found by {@link dev.bms.api.audit.AuditService#verify}.
 *
 * <p>Which service methods are recorded is declared on the methods themselves:
 * {@link dev.bms.api.audit.Audited} (recorded, with its operation name and resource type) or
 * {@link dev.bms.api.audit.NotAudited} (with the reason). Every method of a service interface
 * carries exactly one of the two; a test fails the build when one does not.
 *
 * @since 0.2.0
 */
package dev.bms.api.audit;
