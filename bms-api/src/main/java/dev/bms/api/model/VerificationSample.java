package dev.bms.api.model;

import dev.bms.api.InvalidRequestException;

/**
 * Which part of a restore point's files a verification checked: slice {@code slice} of {@code of}
 * (see {@link VerificationPolicy}); {@link #FULL} is every file.
 *
 * @param slice 0-based slice index, below {@code of}
 * @param of number of slices, at least 1
 * @since 0.1.0
 */
public record VerificationSample(int slice, int of) {
  /** Every file. */
  public static final VerificationSample FULL = new VerificationSample(0, 1);

  public VerificationSample {
    if (of < 1 || slice < 0 || slice >= of) {
      throw new InvalidRequestException("verification sample: slice " + slice + " of " + of
          + " must satisfy 0 <= slice < of and of >= 1");
    }
  }

  /** True when every file was checked. */
  public boolean full() {
    return of == 1;
  }

  /** Whether a manifest path belongs to this slice: {@code floorMod(path.hashCode(), of) == slice}. */
  public boolean contains(String path) {
    return Math.floorMod(path.hashCode(), of) == slice;
  }
}
