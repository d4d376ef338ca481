package dev.bms.core.internal.anomaly;

/**
 * What the data path of one managed run measured against the previous restore point.
 *
 * @param previousFiles files of the previous restore point (0: there was none)
 * @param changedOrRemoved of those, files whose content changed or that are gone
 * @param gainedExtensions new files whose name is a vanished file's name with an extension appended
 *     or swapped for one the previous restore point never had
 * @param sampledBlocks blocks of 4 KiB (or a whole small file) whose byte histogram was sampled
 * @param randomChangedBlocks sampled blocks of new or changed files that look encrypted
 * @param sampledChangedBlocks sampled blocks of new or changed files
 */
public record RunSignals(long previousFiles, long changedOrRemoved, long gainedExtensions, long sampledBlocks,
                         long randomChangedBlocks, long sampledChangedBlocks) {

  /** Whether there was a previous restore point to compare with. */
  boolean comparable() {
    return previousFiles > 0;
  }

  double changedShare() {
    return previousFiles == 0 ? 0 : (double) changedOrRemoved / previousFiles;
  }

  double gainedShare() {
    return previousFiles == 0 ? 0 : (double) gainedExtensions / previousFiles;
  }

  /** Share of all sampled content that is new or changed and looks encrypted. */
  double encryptedShare() {
    return sampledBlocks == 0 ? 0 : (double) randomChangedBlocks / sampledBlocks;
  }
}
