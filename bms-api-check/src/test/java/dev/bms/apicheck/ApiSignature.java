package dev.bms.apicheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of one artifact as sorted text, one type per block: every public type outside
 * {@code internal} packages with its supertypes, and its public and protected constructors, methods
 * and fields with generic signatures. The text is what a binary- or source-incompatible change
 * alters, so comparing it with a checked-in copy makes every API change deliberate (the approach of
 * Kotlin's binary-compatibility validator and Android's Metalava).
 */
final class ApiSignature {
  private ApiSignature() {}

  /** The signature of every public type in the classes directory or jar that holds {@code anchor}. */
  static String of(Class<?> anchor) {
    Path root;
    try {
      root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> blocks = new ArrayList<>();
    for (String name : classNames(root)) {
      Class<?> type;
      try {
        type = Class.forName(name, false, anchor.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("cannot load " + name, e);
      }
      if (isExported(type)) {
        blocks.add(describe(type));
      }
    }
    return String.join("\n", blocks);
  }

  private static List<String> classNames(Path location) {
    if (Files.isDirectory(location)) {
      return classNames(location, location);
    }
    try (FileSystem jar = FileSystems.newFileSystem(location)) {
      return classNames(jar.getPath("/"), jar.getPath("/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> classNames(Path root, Path start) {
    try (Stream<Path> files = Files.walk(start)) {
      return files.filter(p -> p.toString().endsWith(".class"))
          .map(p -> root.relativize(p).toString())
          .filter(p -> !p.startsWith("META-INF"))
          .filter(p -> !p.endsWith("module-info.class") && !p.endsWith("package-info.class"))
          .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Public, not in an {@code internal} package, and (for nested types) reachable through public outers. */
  private static boolean isExported(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()
        || type.getPackageName().contains(".internal")) {
      return false;
    }
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Class<?> type) {
    StringBuilder head = new StringBuilder();
    head.append(kind(type)).append(' ').append(type.getTypeName());
    var params = type.getTypeParameters();
    if (params.length > 0) {
      head.append(Arrays.stream(params).map(ApiSignature::typeParameter).collect(Collectors.joining(", ", "<", ">")));
    }
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      head.append(" extends ").append(superclass.getTypeName());
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0 && !type.isAnnotation()) {
      head.append(type.isInterface() ? " extends " : " implements ")
          .append(Arrays.stream(interfaces).map(Type::getTypeName).sorted().collect(Collectors.joining(", ")));
    }
    if (type.isSealed()) {
      head.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getTypeName)
          .sorted().collect(Collectors.joining(", ")));
    }
    List<String> members = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      if (visible(f.getModifiers()) && !f.isSynthetic()) {
        members.add("  field " + f.toGenericString());
      }
    }
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (visible(c.getModifiers()) && !c.isSynthetic()) {
        members.add("  ctor " + c.toGenericString());
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        members.add("  method " + m.toGenericString());
      }
    }
    members.sort(null);
    return head + "\n" + members.stream().map(m -> m + "\n").collect(Collectors.joining());
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String kind(Class<?> type) {
    String modifiers = Modifier.toString(type.getModifiers() & (Modifier.ABSTRACT | Modifier.FINAL | Modifier.STATIC));
    String kind;
    if (type.isAnnotation()) {
      kind = "@interface";
      modifiers = "";
    } else if (type.isInterface()) {
      kind = "interface";
      modifiers = modifiers.replace("abstract", "").trim();
    } else if (type.isEnum()) {
      kind = "enum";
      modifiers = "";
    } else if (type.isRecord()) {
      kind = "record";
      modifiers = modifiers.replace("final", "").trim();
    } else {
      kind = "class";
    }
    return modifiers.isBlank() ? kind : modifiers.trim() + " " + kind;
  }

  private static String typeParameter(java.lang.reflect.TypeVariable<?> variable) {
    Type[] bounds = variable.getBounds();
    if (bounds.length == 1 && bounds[0] == Object.class) {
      return variable.getName();
    }
    return variable.getName() + " extends "
        + Arrays.stream(bounds).map(Type::getTypeName).collect(Collectors.joining(" & "));
  }
}
