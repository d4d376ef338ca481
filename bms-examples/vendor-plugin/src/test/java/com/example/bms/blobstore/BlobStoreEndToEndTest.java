package com.example.bms.blobstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.BackupManager;
import dev.bms.api.InvalidJobException;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.Execution;
import dev.bms.api.model.ExecutionStatus;
import dev.bms.api.model.JobId;
import dev.bms.api.model.VerificationLevel;
import dev.bms.core.Bms;
import dev.bms.storage.jdbc.JdbcStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bms finds the plugin on the class path and backs up through it; identical content is stored once. */
class BlobStoreEndToEndTest {
  @TempDir
  Path dir;

  @Test
  void backsUpTwiceStoringEachBlobOnce() throws Exception {
    Path source = Files.createDirectories(dir.resolve("source"));
    Files.writeString(source.resolve("a.txt"), "same content");
    Files.writeString(source.resolve("b.txt"), "same content");
    Files.writeString(source.resolve("c.txt"), "other content");
    Path store = Files.createDirectories(dir.resolve("store"));

    try (BackupManager bms = Bms.builder().storage(JdbcStorage.embedded(dir.resolve("db"))).build()) {
      bms.start();
      JobId id = bms.jobs().create(BackupJob.builder("dedup")
          .source("directory", Map.of("path", source.toString()))
          .copy(CopySpec.target("blobstore", Map.of("root", store.toString())))
          .build());

      Execution first = bms.executions().runNow(id);
      Execution second = bms.executions().runNow(id);

      assertThat(first.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      try (Stream<Path> blobs = Files.list(store.resolve("blobs"))) {
        assertThat(blobs.count()).as("two distinct contents, six files written").isEqualTo(2);
      }
      assertThat(bms.verifications().verify(second.id(), VerificationLevel.RESTORE_TEST).passed()).isTrue();

      assertThatThrownBy(() -> bms.jobs().create(BackupJob.builder("bad")
          .copy(CopySpec.target("blobstore", Map.of("root", "relative/dir", "colour", "blue")))
          .build()))
          .isInstanceOf(InvalidJobException.class)
          .hasMessageContaining("root")
          .hasMessageContaining("colour: unknown key");
    }
  }
}
