package org.bsnn.experiments.diff;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bsnn.api.results.ResultRow;

/**
 * What {@link ResultsDiff} found. All lists are sorted with {@link ResultRow#ORDER}.
 *
 * @param onlyInA rows whose key is not in B
 * @param onlyInB rows whose key is not in A
 * @param differing rows present in both whose values differ beyond the tolerance, or whose unit
 *     (or, if asked for, identity columns) changed
 * @param compared the number of keys present in both
 * @param stages counts per stage, sorted by stage name
 */
public record DiffReport(
    List<ResultRow> onlyInA,
    List<ResultRow> onlyInB,
    List<RowDifference> differing,
    int compared,
    SortedMap<String, StageCounts> stages) {

  /** Copies the collections. */
  public DiffReport {
    onlyInA = List.copyOf(onlyInA);
    onlyInB = List.copyOf(onlyInB);
    differing = List.copyOf(differing);
    stages = Collections.unmodifiableSortedMap(new TreeMap<>(stages));
  }

  /** Whether any row differs or exists on one side only. */
  public boolean hasDifferences() {
    return !differing.isEmpty() || !onlyInA.isEmpty() || !onlyInB.isEmpty();
  }

  /** The one-line summary, e.g. "1 rows differ, 0 only in A, 2 only in B (of 40 compared)". */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%d rows differ, %d only in A, %d only in B (of %d compared)",
        differing.size(),
        onlyInA.size(),
        onlyInB.size(),
        compared);
  }

  /**
   * One key present in both files whose rows differ.
   *
   * @param a the row in A
   * @param b the row in B
   * @param changes what differs, in column order: some of "value", "unit", "run_id", "config_hash",
   *     "workbench_version", "params"
   */
  public record RowDifference(ResultRow a, ResultRow b, List<String> changes) {
    /** Copies the changes. */
    public RowDifference {
      changes = List.copyOf(changes);
    }

    /** |a - b|: NaN when exactly one side is NaN, 0 for equal infinities. */
    public double absDiff() {
      if (a.value() == b.value()) {
        return 0;
      }
      return Math.abs(a.value() - b.value());
    }
  }

  /**
   * Counts for one stage.
   *
   * @param compared keys of this stage present in both files
   * @param differing of those, the ones that differ
   * @param onlyInA keys of this stage only in A
   * @param onlyInB keys of this stage only in B
   */
  public record StageCounts(int compared, int differing, int onlyInA, int onlyInB) {
    /** Compared rows that are equal within the tolerance. */
    public int identical() {
      return compared - differing;
    }
  }
}
