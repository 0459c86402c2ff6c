package org.bsnn.experiments.diff;

/**
 * How {@link ResultsDiff} compares two rows with the same key.
 *
 * @param atol absolute tolerance, at least 0
 * @param rtol relative tolerance (relative to the value in B), at least 0
 * @param compareIdentity whether the row identity columns ({@code run_id}, {@code config_hash},
 *     {@code workbench_version}) and the sweep parameters count as differences too; they normally
 *     differ between runs of different code, so they are not compared by default
 */
public record DiffOptions(double atol, double rtol, boolean compareIdentity) {

  /** Exact comparison of values and units only. */
  public static final DiffOptions EXACT = new DiffOptions(0, 0, false);

  /** Checks that the tolerances are finite and not negative. */
  public DiffOptions {
    if (!(atol >= 0) || Double.isInfinite(atol)) {
      throw new IllegalArgumentException("atol must be a finite number >= 0, was " + atol);
    }
    if (!(rtol >= 0) || Double.isInfinite(rtol)) {
      throw new IllegalArgumentException("rtol must be a finite number >= 0, was " + rtol);
    }
  }

  /** Value and unit comparison within the given tolerances. */
  public static DiffOptions of(double atol, double rtol) {
    return new DiffOptions(atol, rtol, false);
  }
}
