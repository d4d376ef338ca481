package dev.bms.storage.jdbc;

import static dev.bms.testkit.storage.StorageFixtures.fullJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The stored JSON is a contract: rows written today must be readable by every later version. */
class JobDefinitionCodecTest {

  private static final String FULL_JOB_V1 = "{\"format\":1,\"name\":\"payroll-files\","
      + "\"description\":\"Payroll files, nightly — ünïcödé\",\"labels\":{\"team\":\"payroll\",\"tier\":\"gold\"},"
      + "\"source\":{\"type\":\"directory\",\"config\":{\"exclude\":\"*.tmp\",\"path\":\"/srv/payroll\"}},"
      + "\"schedule\":{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"zone\":\"Europe/Berlin\"},"
      + "\"misfirePolicy\":\"SKIP\",\"copies\":["
      + "{\"name\":\"nas\",\"targetType\":\"filesystem\",\"config\":{\"root\":\"/mnt/nas/bms\"},\"offsite\":false},"
      + "{\"name\":\"cloud\",\"targetType\":\"s3\",\"config\":{\"bucket\":\"bk\",\"objectLock\":\"COMPLIANCE\"},"
      + "\"offsite\":true,\"retention\":{\"keepLast\":3,\"daily\":7,\"weekly\":4,\"monthly\":12,\"yearly\":2,"
      + "\"keepWithin\":\"PT240H\"}}],"
      + "\"retention\":{\"keepLast\":0,\"daily\":7,\"weekly\":4,\"monthly\":12,\"yearly\":0,\"keepWithin\":\"PT0S\"},"
      + "\"rpo\":\"PT26H\",\"timeout\":\"PT1H30M0.25S\","
      + "\"retry\":{\"maxAttempts\":4,\"initialBackoff\":\"PT30S\",\"multiplier\":1.5,\"maxBackoff\":\"PT10M\"},"
      + "\"enabled\":false}";

  @Test
  void writesTheDocumentedFormat() {
    assertThat(JobDefinitionCodec.toJson(fullJob("payroll-files"))).isEqualTo(FULL_JOB_V1);
  }

  @Test
  void readsFormatOne() {
    assertThat(JobDefinitionCodec.fromJson(FULL_JOB_V1)).isEqualTo(fullJob("payroll-files"));
  }

  @Test
  void refusesUnknownFormatsAndCorruptText() {
    assertThatThrownBy(() -> JobDefinitionCodec.fromJson(FULL_JOB_V1.replace("\"format\":1", "\"format\":99")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("format 99");
    assertThatThrownBy(() -> JobDefinitionCodec.fromJson("{\"format\":1}"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing field");
    assertThatThrownBy(() -> JobDefinitionCodec.fromJson("not json"))
        .isInstanceOf(IllegalStateException.class);
  }
}
