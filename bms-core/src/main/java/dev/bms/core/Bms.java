package dev.bms.core;

/**
 * Entry point of bms: {@code BackupManager bms = Bms.builder().build();}
 *
 * <p>The builder lives in bms-core rather than on {@code BackupManager} because bms-api depends on
 * the JDK alone, and the builder takes core's types (a Micrometer registry, for one).
 *
 * @since 0.1.0
 */
public final class Bms {
  private Bms() {
  }

  /** A builder with every default: embedded H2 under {@code ./bms-data}, plugins from the class path. */
  public static BmsBuilder builder() {
    return new BmsBuilder();
  }
}
