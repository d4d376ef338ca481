package dev.bms.storage.jdbc;

import java.util.Locale;

/** The databases bms-storage-jdbc supports, with the MyBatis databaseId of each. */
enum Vendor {
  POSTGRESQL("postgresql"),
  H2("h2");

  private final String databaseId;

  Vendor(String databaseId) {
    this.databaseId = databaseId;
  }

  /** The {@code databaseId} of this vendor's statements in the mapper XML; also Flyway's {vendor}. */
  String databaseId() {
    return databaseId;
  }

  /** Recognizes a JDBC {@code DatabaseMetaData.getDatabaseProductName()}. */
  static Vendor fromProductName(String productName) {
    String p = productName.toLowerCase(Locale.ROOT);
    if (p.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (p.equals("h2")) {
      return H2;
    }
    throw new IllegalArgumentException("unsupported database '" + productName + "'; bms supports PostgreSQL and H2");
  }

  /** Recognizes a JDBC URL, or null when it names neither vendor. */
  static Vendor fromUrl(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    return null;
  }
}
