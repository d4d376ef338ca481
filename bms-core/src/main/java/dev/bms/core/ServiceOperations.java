package dev.bms.core;

import dev.bms.api.BackupServices;
import dev.bms.api.audit.Audited;
import dev.bms.api.audit.NotAudited;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

/** The operation names of the service interfaces, read from their annotations. */
final class ServiceOperations {
  private ServiceOperations() {
  }

  /** {@code <service>.<method>} of every method marked {@link NotAudited}. */
  static Set<String> reads() {
    Set<String> out = new HashSet<>();
    for (Method accessor : BackupServices.class.getMethods()) {
      if (accessor.getParameterCount() != 0 || !accessor.getReturnType().isInterface()) {
        continue;
      }
      for (Method m : accessor.getReturnType().getMethods()) {
        if (m.isAnnotationPresent(NotAudited.class) && !m.isAnnotationPresent(Audited.class)) {
          out.add(accessor.getName() + "." + m.getName());
        }
      }
    }
    return out;
  }
}
