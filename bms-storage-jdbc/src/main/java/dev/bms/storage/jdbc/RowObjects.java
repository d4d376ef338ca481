package dev.bms.storage.jdbc;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.apache.ibatis.reflection.ReflectionException;
import org.apache.ibatis.reflection.factory.DefaultObjectFactory;

/**
 * Creates the row objects MyBatis maps results into, through a constructor made accessible once per
 * class.
 *
 * <p>The rows are package-private classes. MyBatis's {@link DefaultObjectFactory} looks their
 * constructor up again for every row, calls it, catches the {@link IllegalAccessException} that a
 * non-public class's constructor throws, and only then makes it accessible and calls it again: one
 * exception, with the whole stack trace of the request thread, per row read (a profile of the
 * example app's dashboard requests found it in a third of the time spent mapping rows). Every other
 * type (the lists and maps MyBatis collects into) is left to the default factory.
 */
final class RowObjects extends DefaultObjectFactory {
  private static final long serialVersionUID = 1L;

  private static final ClassValue<Constructor<?>> NO_ARG = new ClassValue<>() {
    @Override
    protected Constructor<?> computeValue(Class<?> type) {
      if (type.isInterface() || !type.getPackageName().equals(RowObjects.class.getPackageName())) {
        return null;
      }
      try {
        Constructor<?> c = type.getDeclaredConstructor();
        c.setAccessible(true);
        return c;
      } catch (NoSuchMethodException e) {
        return null;
      }
    }
  };

  @Override
  public <T> T create(Class<T> type, List<Class<?>> constructorArgTypes, List<Object> constructorArgs) {
    if (constructorArgTypes == null || constructorArgs == null) {
      Constructor<?> c = NO_ARG.get(type);
      if (c != null) {
        try {
          return type.cast(c.newInstance());
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
          throw new ReflectionException("Error instantiating " + type + ": " + e, e);
        }
      }
    }
    return super.create(type, constructorArgTypes, constructorArgs);
  }
}
