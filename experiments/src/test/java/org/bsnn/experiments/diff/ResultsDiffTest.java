package org.bsnn.experiments.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;

class ResultsDiffTest {

  private static ResultRow row(
      String stage, String metric, OptionalInt t, double value, String unit) {
    return new ResultRow(
        "fig3",
        "base",
        1,
        stage,
        metric,
        t,
        value,
        unit,
        "run-a",
        "cfg-a",
        "0.1.0+aaa",
        new TreeMap<>(Map.of("binarize", "none")));
  }

  private static ResultRow scalar(String metric, double value) {
    return row("evaluation", metric, OptionalInt.empty(), value, "fraction");
  }

  private static DiffReport diff(List<ResultRow> a, List<ResultRow> b) {
    return ResultsDiff.compare(a, b, DiffOptions.EXACT);
  }

  private static List<ResultRow> series(int n, double offset) {
    List<ResultRow> rows = new ArrayList<>();
    for (int t = 1; t <= n; t++) {
      rows.add(
          row("simulation", "snn-accuracy", OptionalInt.of(t), t / 100.0 + offset, "fraction"));
    }
    return rows;
  }

  @Test
  void identicalRowsHaveNoDifferences() {
    List<ResultRow> rows = new ArrayList<>(series(12, 0));
    rows.add(scalar("ann-accuracy", 0.99));
    DiffReport r = diff(rows, new ArrayList<>(rows));
    assertFalse(r.hasDifferences());
    assertEquals(13, r.compared());
    assertEquals("0 rows differ, 0 only in A, 0 only in B (of 13 compared)", r.summary());
  }

  @Test
  void oneChangedValueIsTheOnlyDifference() {
    List<ResultRow> a = new ArrayList<>(series(12, 0));
    List<ResultRow> b = new ArrayList<>(a);
    b.set(9, b.get(9).withValue(0.5));
    DiffReport r = diff(a, b);
    assertTrue(r.hasDifferences());
    assertEquals(1, r.differing().size());
    DiffReport.RowDifference d = r.differing().get(0);
    assertEquals(OptionalInt.of(10), d.a().timestep());
    assertEquals(0.1, d.a().value());
    assertEquals(0.5, d.b().value());
    assertEquals(0.4, d.absDiff(), 1e-15);
    assertEquals(List.of("value"), d.changes());
    assertEquals("1 rows differ, 0 only in A, 0 only in B (of 12 compared)", r.summary());
  }

  @Test
  void rowsOnOneSideOnlyAreListedSorted() {
    List<ResultRow> a = new ArrayList<>(series(10, 0));
    List<ResultRow> b = new ArrayList<>(series(12, 0));
    b.remove(0);
    b.add(scalar("ann-accuracy", 1.0));
    DiffReport r = diff(a, b);
    assertEquals(List.of(a.get(0)), r.onlyInA());
    assertEquals(
        List.of("evaluation", "simulation", "simulation"),
        r.onlyInB().stream().map(ResultRow::stage).collect(Collectors.toList()));
    assertEquals(
        List.of(OptionalInt.empty(), OptionalInt.of(11), OptionalInt.of(12)),
        r.onlyInB().stream().map(ResultRow::timestep).collect(Collectors.toList()));
    assertEquals(9, r.compared());
    assertTrue(r.differing().isEmpty());
    assertTrue(r.hasDifferences());
    assertEquals("0 rows differ, 1 only in A, 3 only in B (of 9 compared)", r.summary());
  }

  @Test
  void differencesAreSortedNumericallyByTimestep() {
    List<ResultRow> a = series(12, 0);
    List<ResultRow> b = series(12, 1);
    List<Integer> ts =
        diff(a, b).differing().stream()
            .map(d -> d.a().timestep().getAsInt())
            .collect(Collectors.toList());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), ts);
  }

  @Test
  void absoluteToleranceIsInclusive() {
    assertTrue(ResultsDiff.withinTolerance(1.25, 1.0, 0.25, 0));
    assertFalse(ResultsDiff.withinTolerance(1.25, 1.0, 0.125, 0));
    assertTrue(ResultsDiff.withinTolerance(1.0, 1.25, 0.25, 0));
    List<ResultRow> a = List.of(scalar("m", 1.25));
    List<ResultRow> b = List.of(scalar("m", 1.0));
    assertFalse(ResultsDiff.compare(a, b, DiffOptions.of(0.25, 0)).hasDifferences());
    assertTrue(ResultsDiff.compare(a, b, DiffOptions.of(0.125, 0)).hasDifferences());
  }

  @Test
  void relativeToleranceIsRelativeToB() {
    assertFalse(ResultsDiff.withinTolerance(2.0, 1.0, 0, 0.75)); // 1 > 0.75 * 1
    assertTrue(ResultsDiff.withinTolerance(1.0, 2.0, 0, 0.75)); // 1 <= 0.75 * 2
    assertTrue(ResultsDiff.withinTolerance(-1.0, -2.0, 0, 0.5)); // |b| for negatives
  }

  @Test
  void toleranceCombinesAbsoluteAndRelative() {
    assertTrue(ResultsDiff.withinTolerance(1.25, 1.0, 0.125, 0.125));
    assertFalse(ResultsDiff.withinTolerance(1.25, 1.0, 0.125, 0.0625));
  }

  @Test
  void nanEqualsNanAndInfinitiesEqualOnlyThemselves() {
    assertTrue(ResultsDiff.withinTolerance(Double.NaN, Double.NaN, 0, 0));
    assertFalse(ResultsDiff.withinTolerance(Double.NaN, 0, 1e9, 1e9));
    assertFalse(ResultsDiff.withinTolerance(0, Double.NaN, 1e9, 1e9));
    double inf = Double.POSITIVE_INFINITY;
    assertTrue(ResultsDiff.withinTolerance(inf, inf, 0, 0));
    assertFalse(ResultsDiff.withinTolerance(inf, -inf, 1, 1));
    assertFalse(ResultsDiff.withinTolerance(1e308, inf, 1, 1));
    assertFalse(ResultsDiff.withinTolerance(inf, 1e308, 1, 1));
    assertTrue(ResultsDiff.withinTolerance(0.0, -0.0, 0, 0));
    assertFalse(ResultsDiff.withinTolerance(Double.MAX_VALUE, -Double.MAX_VALUE, 1, 1));
  }

  @Test
  void nanRowsCompareEqualAndNanAgainstNumberDiffers() {
    assertFalse(
        diff(List.of(scalar("m", Double.NaN)), List.of(scalar("m", Double.NaN))).hasDifferences());
    DiffReport r = diff(List.of(scalar("m", Double.NaN)), List.of(scalar("m", 1)));
    assertEquals(1, r.differing().size());
    assertTrue(Double.isNaN(r.differing().get(0).absDiff()));
    assertEquals(
        0.0,
        new DiffReport.RowDifference(
                scalar("m", Double.POSITIVE_INFINITY),
                scalar("m", Double.POSITIVE_INFINITY),
                List.of())
            .absDiff());
  }

  @Test
  void unitChangeIsADifferenceEvenWithEqualValues() {
    ResultRow a = row("hardware-model", "energy", OptionalInt.empty(), 5.0, "pJ");
    ResultRow b = row("hardware-model", "energy", OptionalInt.empty(), 5.0, "nJ");
    DiffReport r = ResultsDiff.compare(List.of(a), List.of(b), DiffOptions.of(1, 1));
    assertEquals(1, r.differing().size());
    assertEquals(List.of("unit"), r.differing().get(0).changes());
  }

  @Test
  void identityColumnsAreIgnoredUnlessAskedFor() {
    ResultRow a = scalar("m", 1);
    ResultRow b =
        new ResultRow(
            a.experiment(),
            a.variant(),
            a.seed(),
            a.stage(),
            a.metric(),
            a.timestep(),
            a.value(),
            a.unit(),
            "run-b",
            "cfg-b",
            "0.2.0+bbb",
            new TreeMap<>(Map.of("binarize", "xnor")));
    assertFalse(diff(List.of(a), List.of(b)).hasDifferences());
    DiffReport r = ResultsDiff.compare(List.of(a), List.of(b), new DiffOptions(0, 0, true));
    assertEquals(
        List.of("run_id", "config_hash", "workbench_version", "params"),
        r.differing().get(0).changes());
  }

  @Test
  void duplicateKeysAreRejected() {
    List<ResultRow> dup = List.of(scalar("m", 1), scalar("m", 2));
    UserFacingException e = assertThrows(UserFacingException.class, () -> diff(dup, List.of()));
    assertTrue(e.getMessage().contains("A has two rows"), e.getMessage());
    assertTrue(e.getMessage().contains("metric=m"), e.getMessage());
    e =
        assertThrows(
            UserFacingException.class, () -> ResultsDiff.requireUniqueKeys(dup, "x/results.csv"));
    assertTrue(e.getMessage().startsWith("x/results.csv has two rows"), e.getMessage());
    ResultsDiff.requireUniqueKeys(series(3, 0), "ok");
  }

  @Test
  void stageCountsCoverComparedDifferingAndOneSidedRows() {
    List<ResultRow> a = new ArrayList<>(series(4, 0));
    a.add(scalar("ann-accuracy", 0.9));
    a.add(scalar("loss", 0.1));
    List<ResultRow> b = new ArrayList<>(series(5, 0));
    b.set(0, b.get(0).withValue(7));
    b.add(scalar("ann-accuracy", 0.9));
    DiffReport r = diff(a, b);
    assertEquals(new DiffReport.StageCounts(1, 0, 1, 0), r.stages().get("evaluation"));
    assertEquals(new DiffReport.StageCounts(4, 1, 0, 1), r.stages().get("simulation"));
    assertEquals(3, r.stages().get("simulation").identical());
    assertEquals(List.of("evaluation", "simulation"), new ArrayList<>(r.stages().keySet()));
  }

  @Test
  void keysIncludeVariantAndSeed() {
    ResultRow a = scalar("m", 1);
    ResultRow otherSeed =
        new ResultRow(
            a.experiment(),
            a.variant(),
            2,
            a.stage(),
            a.metric(),
            a.timestep(),
            a.value(),
            a.unit(),
            a.runId(),
            a.configHash(),
            a.workbenchVersion(),
            a.params());
    DiffReport r = diff(List.of(a), List.of(otherSeed));
    assertEquals(1, r.onlyInA().size());
    assertEquals(1, r.onlyInB().size());
    assertEquals(0, r.compared());
  }

  @Test
  void optionsRejectNegativeOrNonFiniteTolerances() {
    assertThrows(IllegalArgumentException.class, () -> DiffOptions.of(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> DiffOptions.of(0, -1e-9));
    assertThrows(IllegalArgumentException.class, () -> DiffOptions.of(Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> DiffOptions.of(0, Double.POSITIVE_INFINITY));
  }

  @Test
  void emptyInputsCompareEqual() {
    DiffReport r = diff(List.of(), List.of());
    assertFalse(r.hasDifferences());
    assertEquals("0 rows differ, 0 only in A, 0 only in B (of 0 compared)", r.summary());
  }
}
