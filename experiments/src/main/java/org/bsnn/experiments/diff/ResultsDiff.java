package org.bsnn.experiments.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.util.UserFacingException;

/**
 * Compares two sets of result rows joined on {@link ResultRow#key()} (experiment, variant, seed,
 * stage, metric, timestep). Two values are equal when {@code |a - b| <= atol + rtol * |b|}; NaN
 * equals NaN, and an infinity equals only the same infinity. A changed unit is a difference
 * whatever the values.
 */
public final class ResultsDiff {

  private ResultsDiff() {}

  /**
   * Compares {@code a} with {@code b}.
   *
   * @throws UserFacingException if either side holds two rows with the same key
   */
  public static DiffReport compare(List<ResultRow> a, List<ResultRow> b, DiffOptions options) {
    Objects.requireNonNull(options);
    Map<String, ResultRow> byKeyA = index(a, "A");
    Map<String, ResultRow> byKeyB = index(b, "B");
    List<ResultRow> onlyInA = new ArrayList<>();
    List<ResultRow> onlyInB = new ArrayList<>();
    List<DiffReport.RowDifference> differing = new ArrayList<>();
    Map<String, int[]> stages = new TreeMap<>(); // compared, differing, onlyInA, onlyInB
    int compared = 0;
    for (ResultRow ra : byKeyA.values()) {
      ResultRow rb = byKeyB.get(ra.key());
      if (rb == null) {
        onlyInA.add(ra);
        stages.computeIfAbsent(ra.stage(), s -> new int[4])[2]++;
        continue;
      }
      compared++;
      int[] counts = stages.computeIfAbsent(ra.stage(), s -> new int[4]);
      counts[0]++;
      List<String> changes = changes(ra, rb, options);
      if (!changes.isEmpty()) {
        differing.add(new DiffReport.RowDifference(ra, rb, changes));
        counts[1]++;
      }
    }
    for (ResultRow rb : byKeyB.values()) {
      if (!byKeyA.containsKey(rb.key())) {
        onlyInB.add(rb);
        stages.computeIfAbsent(rb.stage(), s -> new int[4])[3]++;
      }
    }
    onlyInA.sort(ResultRow.ORDER);
    onlyInB.sort(ResultRow.ORDER);
    differing.sort(Comparator.comparing(DiffReport.RowDifference::a, ResultRow.ORDER));
    TreeMap<String, DiffReport.StageCounts> stageCounts = new TreeMap<>();
    stages.forEach(
        (s, c) -> stageCounts.put(s, new DiffReport.StageCounts(c[0], c[1], c[2], c[3])));
    return new DiffReport(onlyInA, onlyInB, differing, compared, stageCounts);
  }

  /**
   * Whether two values are equal within the tolerances: {@code |a - b| <= atol + rtol * |b|}, NaN
   * equal to NaN, each infinity equal only to itself.
   */
  public static boolean withinTolerance(double a, double b, double atol, double rtol) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b);
    }
    if (a == b) {
      return true; // also equal infinities, and 0.0 with -0.0
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      return false;
    }
    return Math.abs(a - b) <= atol + rtol * Math.abs(b);
  }

  /**
   * Checks that no two rows share a key.
   *
   * @param source names the rows' origin in the error message, e.g. a file name
   * @throws UserFacingException naming the first duplicated key
   */
  public static void requireUniqueKeys(List<ResultRow> rows, String source) {
    index(rows, source);
  }

  private static Map<String, ResultRow> index(List<ResultRow> rows, String source) {
    Map<String, ResultRow> byKey = new LinkedHashMap<>(rows.size() * 2);
    for (ResultRow r : rows) {
      if (byKey.putIfAbsent(r.key(), r) != null) {
        throw new UserFacingException(
            source
                + " has two rows for experiment="
                + r.experiment()
                + ", variant="
                + r.variant()
                + ", seed="
                + r.seed()
                + ", stage="
                + r.stage()
                + ", metric="
                + r.metric()
                + (r.timestep().isPresent() ? ", timestep=" + r.timestep().getAsInt() : "")
                + "; rows are joined on these columns, so each combination may appear only once");
      }
    }
    return byKey;
  }

  private static List<String> changes(ResultRow a, ResultRow b, DiffOptions o) {
    List<String> changes = new ArrayList<>(2);
    if (!withinTolerance(a.value(), b.value(), o.atol(), o.rtol())) {
      changes.add("value");
    }
    if (!a.unit().equals(b.unit())) {
      changes.add("unit");
    }
    if (o.compareIdentity()) {
      Map<String, Boolean> identity = new LinkedHashMap<>();
      identity.put("run_id", a.runId().equals(b.runId()));
      identity.put("config_hash", a.configHash().equals(b.configHash()));
      identity.put("workbench_version", a.workbenchVersion().equals(b.workbenchVersion()));
      identity.put("params", a.params().equals(b.params()));
      identity.forEach(
          (column, same) -> {
            if (!same) {
              changes.add(column);
            }
          });
    }
    return changes;
  }
}
