package dev.bms.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.bms.api.InvalidConfigException;
import dev.bms.api.StorageException;
import dev.bms.api.StorageUnavailableException;
import dev.bms.spi.storage.AlertStore;
import dev.bms.spi.storage.ApprovalStore;
import dev.bms.spi.storage.AuditStore;
import dev.bms.spi.storage.BaselineStore;
import dev.bms.spi.storage.CatalogStore;
import dev.bms.spi.storage.RestoreStore;
import dev.bms.spi.storage.ExecutionStore;
import dev.bms.spi.storage.JobStore;
import dev.bms.spi.storage.ComplianceStore;
import dev.bms.spi.storage.ReportStore;
import dev.bms.spi.storage.RetentionStore;
import dev.bms.spi.storage.SchedulerStore;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.TransactionScope;
import dev.bms.spi.storage.VerificationStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bms storage on a relational database: an embedded H2 file database (the library's default) or
 * PostgreSQL (production, and the coordinator of several bms instances).
 *
 * <pre>{@code
 * // embedded: an H2 database file under ./bms-data, nothing to install
 * Storage storage = JdbcStorage.embedded(Path.of("bms-data"));
 *
 * // PostgreSQL, with a pool bms owns
 * Storage storage = JdbcStorage.postgres("jdbc:postgresql://db:5432/app", "bms", secret);
 *
 * // PostgreSQL through the application's own pool (bms never closes it), in schema "bms"
 * Storage storage = JdbcStorage.builder().dataSource(appDataSource).schema("bms").build();
 *
 * storage.start();      // connects and runs the Flyway migrations; or let BackupManager.start() do it
 * ...
 * storage.close();      // closes the pool, if bms created it
 * }</pre>
 *
 * <p>Nothing connects before {@link #start()}, which creates the connection pool (HikariCP) when
 * bms owns it, brings the schema up to date with Flyway (history table
 * {@code bms_schema_history}, so it never clashes with an application's own Flyway), and loads the
 * MyBatis mappers. Every store method is one transaction; failures surface as
 * {@link StorageException}, duplicate names as {@link dev.bms.api.ConflictException}.
 *
 * <p><b>Time precision.</b> Instants are stored as {@code TIMESTAMP(6) WITH TIME ZONE} in UTC,
 * truncated to microseconds: a value read back equals the value written truncated to
 * {@link java.time.temporal.ChronoUnit#MICROS}. Copy durations are stored in milliseconds.
 *
 * <p><b>H2.</b> The embedded database runs in H2's PostgreSQL compatibility mode
 * ({@code MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE}); H2 URLs given to {@link Builder#url} should
 * use the same settings.
 *
 * <p>Thread-safe. {@link #start()} and {@link #close()} are idempotent; a closed storage cannot be
 * started again.
 */
public final class JdbcStorage implements Storage {
  /** The pool size used unless {@link Builder#poolSize(int)} says otherwise. */
  public static final int DEFAULT_POOL_SIZE = 10;
  /**
   * How long a call waits for a connection (and a new connection for the database) unless
   * {@link Builder#connectionTimeout(Duration)} says otherwise: 3 seconds.
   */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);

  private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  private static final String COMPONENT = "storage 'jdbc'";

  private final String url;
  private final String user;
  private final String password;
  private final DataSource external;
  private final Optional<String> schema;
  private final int poolSize;
  private final Duration connectionTimeout;

  private final Transactions tx = new Transactions();
  private final JdbcJobStore jobs = new JdbcJobStore(tx);
  private final JdbcExecutionStore executions = new JdbcExecutionStore(tx);
  private final JdbcVerificationStore verifications = new JdbcVerificationStore(tx);
  private final JdbcComplianceStore compliance = new JdbcComplianceStore(tx);
  private final JdbcReportStore reports = new JdbcReportStore(tx);
  private final JdbcSchedulerStore scheduler = new JdbcSchedulerStore(tx);
  private final JdbcRetentionStore retention = new JdbcRetentionStore(tx);
  private final JdbcAlertStore alerts = new JdbcAlertStore(tx);
  private final JdbcRestoreStore restores = new JdbcRestoreStore(tx);
  private final JdbcCatalogStore catalog = new JdbcCatalogStore(tx);
  private final JdbcAuditStore audit = new JdbcAuditStore(tx);
  private final JdbcApprovalStore approvals = new JdbcApprovalStore(tx);
  private final JdbcBaselineStore baselines = new JdbcBaselineStore(tx);

  private HikariDataSource ownPool;
  private Vendor vendor;
  private boolean started;
  private boolean closed;

  private JdbcStorage(Builder b) {
    this.url = b.url;
    this.user = b.user;
    this.password = b.password;
    this.external = b.dataSource;
    this.schema = Optional.ofNullable(b.schema);
    this.poolSize = b.poolSize;
    this.connectionTimeout = b.connectionTimeout;
  }

  /**
   * The embedded default: an H2 file database named {@code bms} in {@code directory} (created if
   * missing), with a pool bms owns.
   */
  public static JdbcStorage embedded(Path directory) {
    return builder().embedded(directory).build();
  }

  /** PostgreSQL at {@code jdbcUrl} ({@code jdbc:postgresql://host:5432/db}) with a pool bms owns. */
  public static JdbcStorage postgres(String jdbcUrl, String user, String password) {
    return builder().url(jdbcUrl).credentials(user, password).build();
  }

  /** PostgreSQL through the application's pool, which bms uses but never closes. */
  public static JdbcStorage postgres(DataSource dataSource) {
    return builder().dataSource(dataSource).build();
  }

  /** A builder for the other options (schema, pool size, an H2 URL...). */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("storage is closed; create a new one");
    }
    if (started) {
      return;
    }
    try {
      DataSource forQueries;
      if (external != null) {
        vendor = detectVendor(external);
        SchemaMigration.migrate(SchemaMigration.flyway().dataSource(external), vendor, schema);
        forQueries = schemaAware(external);
      } else {
        vendor = Vendor.fromUrl(url);
        try (HikariDataSource migrations = ConnectionPools.migrations(url, user, password, schema, connectionTimeout)) {
          SchemaMigration.migrate(SchemaMigration.flyway().dataSource(migrations), vendor, schema);
        }
        ownPool = ConnectionPools.queries(url, user, password, schema, poolSize, connectionTimeout);
        forQueries = ownPool;
      }
      tx.bind(MyBatisSetup.sessions(forQueries, vendor, ownPool != null), vendor == Vendor.POSTGRESQL);
      audit.decideHashing();
      started = true;
      LOG.info("bms storage started: {}", describe());
    } catch (RuntimeException | SQLException e) {
      if (ownPool != null) {
        ownPool.close();
        ownPool = null;
      }
      if (e instanceof StorageException se) {
        throw se;
      }
      String message = "cannot start storage " + describe() + ": " + e.getMessage();
      throw ConnectionFailures.isUnreachable(e)
          ? new StorageUnavailableException(message, e)
          : new StorageException(message, e);
    }
  }

  @Override
  public JobStore jobs() {
    return jobs;
  }

  @Override
  public ExecutionStore executions() {
    return executions;
  }

  @Override
  public Optional<VerificationStore> verifications() {
    return Optional.of(verifications);
  }

  @Override
  public Optional<ComplianceStore> compliance() {
    return Optional.of(compliance);
  }

  @Override
  public Optional<ReportStore> reports() {
    return Optional.of(reports);
  }

  @Override
  public Optional<SchedulerStore> scheduler() {
    return Optional.of(scheduler);
  }

  @Override
  public Optional<RetentionStore> retention() {
    return Optional.of(retention);
  }

  @Override
  public AlertStore alerts() {
    return alerts;
  }

  @Override
  public Optional<RestoreStore> restores() {
    return Optional.of(restores);
  }

  @Override
  public Optional<CatalogStore> catalog() {
    return Optional.of(catalog);
  }

  @Override
  public Optional<AuditStore> audit() {
    return Optional.of(audit);
  }

  /**
   * The ambient transaction: store methods called on a thread inside
   * {@link TransactionScope#inTransaction} share one connection and commit together.
   */
  @Override
  public Optional<TransactionScope> transactions() {
    return Optional.of(tx);
  }

  @Override
  public Optional<ApprovalStore> approvals() {
    return Optional.of(approvals);
  }

  @Override
  public Optional<BaselineStore> baselines() {
    return Optional.of(baselines);
  }

  @Override
  public Instant now() {
    return executions.now();
  }

  @Override
  public String describe() {
    String where = external != null
        ? "application DataSource " + external.getClass().getName()
        : url.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=***");
    String db = vendor == null ? "" : vendor.databaseId() + " ";
    return "jdbc " + db + where + schema.map(s -> ", schema " + s).orElse("")
        + (external != null ? "" : ", pool " + poolSize + ", connection timeout " + connectionTimeout.toMillis() + " ms");
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    tx.unbind();
    if (ownPool != null) {
      ownPool.close();
      ownPool = null;
    }
  }

  /** The application's pool, switched to the configured schema on every connection if one is set. */
  private DataSource schemaAware(DataSource dataSource) {
    return schema.<DataSource>map(s -> new SchemaDataSource(dataSource, s)).orElse(dataSource);
  }

  private static Vendor detectVendor(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return Vendor.fromProductName(c.getMetaData().getDatabaseProductName());
    }
  }

  /** Why {@code schema} is not an acceptable schema name, if it is not. */
  static Optional<String> schemaProblem(String schema) {
    return SCHEMA.matcher(schema).matches()
        ? Optional.empty()
        : Optional.of("'" + schema + "' must be 1-63 lowercase letters, digits or '_', not starting with a digit");
  }

  /**
   * Options of a {@link JdbcStorage}. Each option is checked when set; {@link #build()} checks
   * that exactly one database was named.
   */
  public static final class Builder {
    private String url;
    private String user;
    private String password;
    private DataSource dataSource;
    private String schema;
    private int poolSize = DEFAULT_POOL_SIZE;
    private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;

    private Builder() {
    }

    /** An embedded H2 file database named {@code bms} in {@code directory}. */
    public Builder embedded(Path directory) {
      Objects.requireNonNull(directory, "directory");
      return url("jdbc:h2:file:" + directory.toAbsolutePath().normalize().resolve("bms") + H2_SETTINGS);
    }

    /** A JDBC URL of PostgreSQL ({@code jdbc:postgresql:...}) or H2 ({@code jdbc:h2:...}). */
    public Builder url(String jdbcUrl) {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (Vendor.fromUrl(jdbcUrl) == null) {
        throw invalid("url", "'" + jdbcUrl + "' is neither a jdbc:postgresql: nor a jdbc:h2: URL");
      }
      this.url = jdbcUrl;
      return this;
    }

    /** The user and password of the pool bms creates for {@link #url}. */
    public Builder credentials(String user, String password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The application's own pool; bms never closes it. Replaces {@link #url}. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * The schema bms's tables live in, created if missing (default: the connection's current
     * schema, {@code public}). With an application DataSource, every connection bms borrows is
     * switched to it ({@code Connection.setSchema}).
     */
    public Builder schema(String schema) {
      Objects.requireNonNull(schema, "schema");
      schemaProblem(schema).ifPresent(p -> {
        throw invalid("schema", p);
      });
      this.schema = schema;
      return this;
    }

    /** The size of the pool bms creates (1-1000, default {@value #DEFAULT_POOL_SIZE}). */
    public Builder poolSize(int size) {
      if (size < 1 || size > 1000) {
        throw invalid("poolSize", "'" + size + "' must be between 1 and 1000");
      }
      this.poolSize = size;
      return this;
    }

    /**
     * How long a call waits for a pooled connection, and how long opening a new connection may
     * take, before it fails with {@link StorageUnavailableException} (250 ms to 5 minutes, default
     * {@link #DEFAULT_CONNECTION_TIMEOUT}). Applies to the pool bms creates; an application's own
     * DataSource keeps its own timeout.
     */
    public Builder connectionTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "connectionTimeout");
      if (timeout.compareTo(Duration.ofMillis(250)) < 0 || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
        throw invalid("connectionTimeout", "'" + timeout + "' must be between 250 ms and 5 minutes");
      }
      this.connectionTimeout = timeout;
      return this;
    }

    /**
     * The storage; it connects only when started.
     *
     * @throws InvalidConfigException when no database, or both a URL and a DataSource, were given
     */
    public JdbcStorage build() {
      if (url == null && dataSource == null) {
        throw invalid("url", "name a database: embedded(dir), url(...) or dataSource(...)");
      }
      if (url != null && dataSource != null) {
        throw invalid("dataSource", "give either a URL or a DataSource, not both");
      }
      return new JdbcStorage(this);
    }

    private static InvalidConfigException invalid(String key, String problem) {
      return new InvalidConfigException(COMPONENT, List.of(key + ": " + problem));
    }
  }
}
