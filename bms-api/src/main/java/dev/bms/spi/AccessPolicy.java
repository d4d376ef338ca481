package dev.bms.spi;

import dev.bms.api.Actor;
import dev.bms.api.audit.ResourceRef;
import java.util.Optional;

/**
 * Decides whether an actor may make a service call: given the actor, the operation
 * ({@code jobs.update}, {@code jobs.get}, {@code audit.search}: the {@code @Audited} operation name,
 * or {@code <service>.<method>} for a method that is not audited) and the resource it names (type and
 * id, {@code -} when the call names none), it returns empty to allow the call or the reason to refuse
 * it. A refusal is thrown as {@link dev.bms.api.AccessDeniedException} before the call does anything,
 * and recorded in the audit trail with outcome {@code DENIED}.
 *
 * <p>Called on every call made through a {@code BackupServices} view, on the calling thread, before
 * anything else: keep it fast and free of I/O. bms's own work ({@link Actor#system()}) is never
 * checked. Without a policy given to the builder, the built-in role policy applies
 * ({@code dev.bms.core.RoleAccessPolicy}, see {@code docs/security.md}).
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface AccessPolicy {

  /**
   * Empty to allow; otherwise why {@code actor} may not do {@code operation} on {@code resource}, as
   * a sentence the refusal's message and audit record carry.
   */
  Optional<String> check(Actor actor, String operation, ResourceRef resource);
}
