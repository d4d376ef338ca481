package dev.bms.api.model;

/** Outcome of writing one copy. */
public enum CopyStatus {
  /** Every file was written and the manifest committed. */
  SUCCEEDED,
  /** The copy could not be written; nothing of it is a usable restore point. */
  FAILED
}
