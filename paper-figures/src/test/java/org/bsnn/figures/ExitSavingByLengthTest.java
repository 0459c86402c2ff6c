package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Claim 5's summary line with early-exit experiments whose fixed-T runs differ in length. */
class ExitSavingByLengthTest {

  private final ExperimentResults exit = ExperimentResults.of("exit", TestRows.exitSweep());
  private final ExperimentResults fixed = ExperimentResults.of("fixed", TestRows.fixedT());

  private EarlyExitSavings savings(double tolerance) {
    RunProvenance exitRun =
        TestRows.provenance("exit", "", TestRows.jobs(exit.rows(), TestRows::exitSettings));
    RunProvenance fixedRun =
        TestRows.provenance("fixed", "", TestRows.jobs(fixed.rows(), TestRows::fixedTSettings));
    return new EarlyExitSavings(
        exit, new ExitReferences(List.of(exit, fixed), List.of(exitRun, fixedRun)), tolerance);
  }

  @Test
  void bestSavingPerPrecisionWithinTheTolerance() {
    EarlyExitSavings s = savings(1.0);
    // TestRows.exitSweep: FP threshold 20 is within 1 pt and saves 100 / 8 = 12.5; threshold 40
    // (+4.5 pt) only ≥ 2. Binary threshold 10 saves 150 / 50 = 3; threshold 20 is 7 pt below.
    assertEquals(
        "FP SNN 12.50 ± 0.00× (threshold 20: 8.0 ± 0.0 vs 100.0 ± 0.0 timesteps); "
            + "binary SNN 3.00 ± 0.00× (threshold 10: 50.0 ± 0.0 vs 150.0 ± 0.0 timesteps)",
        s.bestSavings());
    assertEquals(TestRows.FP_FIXED_T.length, s.referenceLast());
  }

  @Test
  void aPrecisionWithoutAThresholdWithinTheToleranceSaysSo() {
    // with 0.1 pt only FP threshold 40 (+4.5 pt) is within: its fixed-T run never gets there
    assertEquals(
        "FP SNN ≥ 2.00 ± 0.00× (threshold 40: 100.0 ± 0.0 vs > 200 timesteps); "
            + "binary SNN none within 0.1 pt of the ANN",
        savings(0.1).bestSavings());
  }

  private static ReportSummary summary(int quickLength, int studyLength) {
    ReportSummary s = new ReportSummary(1.0, 200);
    s.add(
        new ReportSummary.Evidence(
            "quick-exit",
            "",
            1,
            0,
            List.of(
                new ClaimVerdict(
                    5, ClaimVerdict.Outcome.DOES_NOT_HOLD, "Claim 5", "FP SNN", "1.5×."))));
    s.addExitSaving(new ReportSummary.ExitSaving("quick-exit", quickLength, "FP SNN 1.50×"));
    s.addExitSaving(new ReportSummary.ExitSaving("width-exit", studyLength, "FP SNN 4.00×"));
    return s;
  }

  @Test
  void savingsOfFixedTRunsOfDifferentLengthsStandSideBySideShortestFirst() {
    String line = summary(200, 400).lines().get(4);
    assertTrue(
        line.endsWith(
            " The best saving within the tolerance by length of the fixed-T run: `quick-exit` "
                + "(fixed-T up to 200 timesteps): FP SNN 1.50×; `width-exit` (fixed-T up to 400 "
                + "timesteps): FP SNN 4.00×."),
        line);
    String reversed = summary(400, 200).lines().get(4);
    assertTrue(
        reversed.contains(
            "`width-exit` (fixed-T up to 200 timesteps): FP SNN 4.00×; `quick-exit` (fixed-T up to 400"),
        reversed);
  }

  @Test
  void savingsOfOneLengthAddNothing() {
    String line = summary(200, 200).lines().get(4);
    assertFalse(line.contains("by length of the fixed-T run"), line);
  }
}
