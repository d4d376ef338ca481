package dev.bms.core.internal.execution;

/** Told how many bytes were read so far; may throw to stop the run (lease lost, cancelled). */
@FunctionalInterface
public interface ProgressListener {
  void onProgress(long bytesDone);

  /** Told each time a file was read to its end, with the number of files done so far. */
  default void onFileDone(long filesDone) {
  }
}
