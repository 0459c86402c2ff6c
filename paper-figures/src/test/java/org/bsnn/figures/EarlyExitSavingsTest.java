package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EarlyExitSavingsTest {

  private final ExperimentResults exit = ExperimentResults.of("exit", TestRows.exitSweep());
  private final ExperimentResults fixed = ExperimentResults.of("fixed", TestRows.fixedT());
  private final RunProvenance exitRun =
      TestRows.provenance("exit", "", TestRows.jobs(exit.rows(), TestRows::exitSettings));
  private final RunProvenance fixedRun =
      TestRows.provenance("fixed", "", TestRows.jobs(fixed.rows(), TestRows::fixedTSettings));

  private EarlyExitSavings withReference(double tolerance) {
    return new EarlyExitSavings(
        exit, new ExitReferences(List.of(exit, fixed), List.of(exitRun, fixedRun)), tolerance);
  }

  private static EarlyExitSavings.Point point(EarlyExitSavings s, String group, String threshold) {
    return s.points().stream()
        .filter(p -> p.group().equals(group) && p.setting().equals("threshold " + threshold))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void fixedTIsTheFirstTimestepReachingTheAccuracy() {
    TreeMap<Integer, Double> a = new TreeMap<>();
    a.put(1, 0.5);
    a.put(2, 0.84);
    a.put(3, 0.9);
    a.put(4, 0.85);
    assertEquals(OptionalInt.of(3), EarlyExitSavings.firstReaching(a, 0.86));
    assertEquals(
        OptionalInt.of(2), EarlyExitSavings.firstReaching(a, 0.84), "equal counts as reached");
    assertEquals(OptionalInt.of(1), EarlyExitSavings.firstReaching(a, 0.1));
    assertEquals(OptionalInt.empty(), EarlyExitSavings.firstReaching(a, 0.91));
  }

  @Test
  void perSeedSavingsAndTheirMeanAndStd() {
    EarlyExitSavings s = withReference(1.0);
    EarlyExitSavings.Point p = point(s, "FP SNN", "10");
    assertEquals(2, p.seeds().size());
    assertEquals(OptionalInt.of(50), p.seeds().get(0).fixedT());
    assertEquals(5.0, p.seeds().get(0).saving(), 1e-12);
    assertEquals(10.0, p.seeds().get(1).saving(), 1e-12);
    assertEquals("50.0 ± 0.0", EarlyExitSavings.fixedTCell(p));
    assertEquals("7.50 ± 3.54", EarlyExitSavings.savingCell(p));
    assertEquals(-5.5, p.lossPoints().get(), 1e-9);
    EarlyExitSavings.Point bin = point(s, "binary SNN", "10");
    assertEquals("150.0 ± 0.0", EarlyExitSavings.fixedTCell(bin));
    assertEquals("3.00 ± 0.00", EarlyExitSavings.savingCell(bin));
  }

  @Test
  void anAccuracyTheFixedTRunNeverReachesGivesALowerBound() {
    EarlyExitSavings.Point p = point(withReference(1.0), "FP SNN", "40");
    assertTrue(p.lowerBound());
    assertEquals("> 200", EarlyExitSavings.fixedTCell(p));
    assertEquals("≥ 2.00 ± 0.00", EarlyExitSavings.savingCell(p));
  }

  @Test
  void holdsWithTenfoldSavingWithinTheToleranceAndNotWhenTheTenfoldPointIsTooInaccurate() {
    List<ClaimVerdict> v = withReference(1.0).verdicts();
    assertEquals(2, v.size(), "one verdict per precision, not per threshold");
    ClaimVerdict fp = v.get(0);
    assertEquals(ClaimVerdict.Outcome.HOLDS, fp.outcome(), fp.line());
    assertEquals("FP SNN", fp.subject());
    assertTrue(
        fp.detail()
            .startsWith(
                "threshold 20: 8.0 ± 0.0 mean timesteps vs 100.0 ± 0.0 fixed-T timesteps to "
                    + "reach 90.00 ± 0.00 %: 12.50 ± 0.00× (per seed 0: 12.50×, 1: 12.50×) (ANN on the same images 90.50 ± 0.00 %, −0.50 pt)."),
        fp.detail());
    assertTrue(
        fp.detail()
            .contains("Fixed-T reference: `fixed` (run `2026-01-01T00-00-00_abc`, binarize=none)."),
        fp.detail());
    ClaimVerdict bin = v.get(1);
    assertEquals(ClaimVerdict.Outcome.DOES_NOT_HOLD, bin.outcome(), bin.line());
    assertTrue(
        bin.line()
            .startsWith(
                "**Does not hold at this scale:** Claim 5 (early exit: binary SNN needs at least "
                    + "10× fewer mean timesteps than a fixed-T run to the same accuracy, within 1.0 pt of its ANN): the best saving "
                    + "within 1.0 pt of the ANN, over 2 thresholds, is at threshold 10: 50.0 ± 0.0 mean timesteps vs 150.0 ± 0.0 "
                    + "fixed-T timesteps to reach 86.50 ± 0.00 %: 3.00 ± 0.00×"),
        bin.line());
  }

  @Test
  void aLooserToleranceLetsTheTenfoldBinaryPointHold() {
    ClaimVerdict bin = withReference(8.0).verdicts().get(1);
    assertEquals(ClaimVerdict.Outcome.HOLDS, bin.outcome(), bin.line());
    assertTrue(
        bin.detail().startsWith("threshold 20: 3.0 ± 0.0 mean timesteps vs 30.0 ± 0.0"),
        bin.detail());
  }

  @Test
  void noThresholdWithinTheToleranceDoesNotHoldAndNamesTheClosest() {
    ClaimVerdict bin = withReference(0.1).verdicts().get(1);
    assertEquals(ClaimVerdict.Outcome.DOES_NOT_HOLD, bin.outcome(), bin.line());
    assertTrue(
        bin.detail()
            .startsWith(
                "no threshold keeps the accuracy with exit within 0.1 pt of the ANN; the "
                    + "closest, threshold 10:"),
        bin.detail());
  }

  @Test
  void withoutAReferenceItIsNotTestedAndSaysWhatToAdd() {
    EarlyExitSavings s =
        new EarlyExitSavings(exit, new ExitReferences(List.of(exit), List.of(exitRun)), 1.0);
    for (ClaimVerdict v : s.verdicts()) {
      assertEquals(ClaimVerdict.Outcome.NOT_TESTED, v.outcome(), v.line());
      assertTrue(
          v.detail()
              .startsWith(
                  "no run without early exit among the inputs: give the run directory of the "
                      + "same networks without early exit too"),
          v.detail());
    }
    EarlyExitSavings.Point p = point(s, "FP SNN", "20");
    assertEquals("n/a", EarlyExitSavings.fixedTCell(p));
    assertEquals("n/a", EarlyExitSavings.savingCell(p));
    assertFalse(p.missing().isEmpty());
  }

  @Test
  void anotherExitRuleThanThePapersIsNamed() {
    RunProvenance marginRun =
        TestRows.provenance(
            "exit",
            "",
            TestRows.jobs(
                exit.rows(),
                r ->
                    TestRows.settings(
                        r.params().get("binarize"),
                        "optimize.early-exit-margin",
                        "early-exit-margin",
                        "optimize.early-exit-margin.threshold",
                        r.params().get(TestRows.THRESHOLD))));
    EarlyExitSavings margin =
        new EarlyExitSavings(
            exit, new ExitReferences(List.of(exit, fixed), List.of(marginRun, fixedRun)), 1.0);
    assertFalse(margin.paperRule());
    assertTrue(
        margin
            .verdicts()
            .get(0)
            .claim()
            .startsWith(
                "Claim 5 (early exit by `early-exit-margin`, not the paper's "
                    + "rule: FP SNN needs"),
        margin.verdicts().get(0).claim());
    assertEquals(
        ClaimVerdict.Outcome.HOLDS,
        margin.verdicts().get(0).outcome(),
        "matched like the paper's rule");
    EarlyExitSavings paper = withReference(1.0);
    assertTrue(paper.paperRule());
    assertTrue(paper.verdicts().get(0).claim().startsWith("Claim 5 (early exit: FP SNN"));
  }

  @Test
  void oneSeedShowsPlainNumbers() {
    ExperimentResults exit0 =
        ExperimentResults.of("exit", exit.rows().stream().filter(r -> r.seed() == 0).toList());
    EarlyExitSavings s =
        new EarlyExitSavings(
            exit0, new ExitReferences(List.of(exit0, fixed), List.of(exitRun, fixedRun)), 1.0);
    EarlyExitSavings.Point p = point(s, "FP SNN", "10");
    assertEquals("50", EarlyExitSavings.fixedTCell(p));
    assertEquals("5.00", EarlyExitSavings.savingCell(p));
    assertEquals("> 2.00", EarlyExitSavings.savingCell(point(s, "FP SNN", "40")));
    assertTrue(
        s.verdicts()
            .get(0)
            .detail()
            .startsWith(
                "threshold 20: 8.0 mean timesteps vs 100 fixed-T timesteps to "
                    + "reach 90.00 %: 12.50× (ANN on the same images 90.50 %, −0.50 pt)."),
        s.verdicts().get(0).detail());
  }
}
