package dev.bms.api.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a service method that writes no audit record, with the reason: a read, or work that is not
 * a user's change (for example compliance evaluation, which stores derived verdicts).
 *
 * @since 0.2.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NotAudited {
  /** Why calls are not recorded, e.g. {@code "read"}. */
  String value();
}
