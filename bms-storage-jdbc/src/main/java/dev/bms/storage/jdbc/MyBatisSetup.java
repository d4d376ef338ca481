package dev.bms.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.JdbcType;

/** The MyBatis configuration of bms's mappers: row aliases, type handlers, the vendor's statements. */
final class MyBatisSetup {
  private static final List<String> MAPPERS = List.of("ExecutionMapper.xml", "JobMapper.xml", "AlertMapper.xml",
      "SchedulerMapper.xml", "RetentionMapper.xml", "VerificationMapper.xml", "ComplianceMapper.xml",
      "ReportMapper.xml", "ExecutionBatchMapper.xml", "JobOverviewMapper.xml", "RestoreMapper.xml", "CatalogMapper.xml",
      "VerdictMapper.xml", "RollupMapper.xml", "AuditMapper.xml", "ApprovalMapper.xml",
      "BaselineMapper.xml");

  private MyBatisSetup() {
  }

  /**
   * Sessions on {@code dataSource}.
   *
   * @param ownPool whether bms created the pool (which then resets auto-commit itself)
   */
  static SqlSessionFactory sessions(DataSource dataSource, Vendor vendor, boolean ownPool) {
    return new SqlSessionFactoryBuilder().build(configuration(dataSource, vendor, ownPool));
  }

  private static Configuration configuration(DataSource dataSource, Vendor vendor, boolean ownPool) {
    JdbcTransactionFactory transactions = new JdbcTransactionFactory();
    if (ownPool) {
      // our pool hands out connections with auto-commit off and resets them itself
      Properties p = new Properties();
      p.setProperty("skipSetAutoCommitOnClose", "true");
      transactions.setProperties(p);
    }
    Configuration cfg = new Configuration(new Environment("bms", transactions, dataSource));
    cfg.setDatabaseId(vendor.databaseId());
    cfg.setMapUnderscoreToCamelCase(true);
    cfg.setCacheEnabled(false);
    cfg.setLocalCacheScope(LocalCacheScope.STATEMENT);
    cfg.setJdbcTypeForNull(JdbcType.NULL);
    cfg.setObjectFactory(new RowObjects());
    TypeHandlers.register(cfg.getTypeHandlerRegistry());
    for (Class<?> row : List.of(Rows.JobRow.class, Rows.LabelRow.class, Rows.ExecutionRow.class, Rows.TokenHashRow.class, Rows.CopyRow.class,
        Rows.JobInstantRow.class, Rows.StatusCountRow.class, Rows.ManifestRow.class,
        ComplianceRows.VerificationRow.class, ComplianceRows.VerificationCopyRow.class,
        ComplianceRows.VerificationProblemRow.class, ComplianceRows.VerificationPolicyRow.class,
        ComplianceRows.PolicyRow.class, ComplianceRows.LockProofRow.class, ComplianceRows.OutcomeCountRow.class,
        SchedulerRows.ScheduleRow.class, SchedulerRows.FireRow.class, SchedulerRows.QueueRow.class, SchedulerRows.QueueDepthRow.class,
        RetentionRows.RestorePointRow.class, RetentionRows.DeletionRow.class,
        RestoreRows.RestoreRow.class, RestoreRows.RestoreCopyRow.class, RestoreRows.RestoreProblemRow.class,
        RestoreRows.RtoTargetRow.class, RestoreRows.CatalogRow.class, RestoreRows.HoldingCopyRow.class,
        VerdictMapper.VerdictRow.class, VerdictMapper.VerdictCountRow.class, RollupMapper.FinishedRow.class,
        RollupMapper.RollupRow.class, AuditMapper.AuditRow.class, AuditMapper.AuditHeadRow.class,
        ApprovalMapper.ApprovalRow.class,
        BaselineMapper.BaselineRow.class)) {
      cfg.getTypeAliasRegistry().registerAlias(row.getSimpleName(), row);
    }
    for (String mapper : MAPPERS) {
      String resource = "dev/bms/storage/jdbc/" + mapper;
      try (InputStream in = MyBatisSetup.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing mapper " + resource);
        }
        new XMLMapperBuilder(in, cfg, resource, cfg.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new IllegalStateException("cannot read mapper " + resource, e);
      }
    }
    return cfg;
  }
}
