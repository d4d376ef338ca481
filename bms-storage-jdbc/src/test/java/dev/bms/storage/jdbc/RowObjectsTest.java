package dev.bms.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.reflection.ReflectionException;
import org.junit.jupiter.api.Test;

/** The object factory that creates bms's package-private row classes for MyBatis. */
class RowObjectsTest {
  private final RowObjects objects = new RowObjects();

  @Test
  void createsPackagePrivateRowsThroughTheirConstructor() {
    assertThat(objects.create(Rows.JobRow.class)).isInstanceOf(Rows.JobRow.class);
    assertThat(objects.create(RollupMapper.RollupRow.class)).isInstanceOf(RollupMapper.RollupRow.class);
    assertThat(objects.create(Rows.JobRow.class)).isNotSameAs(objects.create(Rows.JobRow.class));
  }

  @Test
  void leavesCollectionsToMyBatisDefaults() {
    assertThat(objects.create(List.class)).isInstanceOf(ArrayList.class);
    assertThat(objects.create(Map.class)).isInstanceOf(HashMap.class);
  }

  @Test
  void aRowWhoseConstructorFailsIsReportedWithItsClass() {
    assertThatThrownBy(() -> objects.create(Failing.class))
        .isInstanceOf(ReflectionException.class)
        .hasMessageContaining(Failing.class.getName());
  }

  static final class Failing {
    Failing() {
      throw new IllegalStateException("no");
    }
  }
}
