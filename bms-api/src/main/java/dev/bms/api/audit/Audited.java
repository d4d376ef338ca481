package dev.bms.api.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a service method whose every call writes one audit record: on success, on refusal and on
 * failure. The record names {@link #operation()}, the resource of type {@link #resource()} (its id
 * taken from the call's id argument or, for a create, from the result), the actor, the outcome and
 * a before/after diff with secrets redacted.
 *
 * @since 0.2.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
  /** The operation as recorded, {@code <service>.<verb>}, e.g. {@code jobs.update}. */
  String operation();

  /** The type of the resource the call changes, e.g. {@code job}, {@code alert}. */
  String resource();
}
