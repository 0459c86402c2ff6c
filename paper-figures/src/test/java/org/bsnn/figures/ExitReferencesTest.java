package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.bsnn.api.results.ResultRow;
import org.junit.jupiter.api.Test;

class ExitReferencesTest {

  private final ExperimentResults exit = ExperimentResults.of("exit", TestRows.exitSweep());
  private final ExperimentResults fixed = ExperimentResults.of("fixed", TestRows.fixedT());

  private final RunProvenance exitRun =
      TestRows.provenance("exit", "", TestRows.jobs(exit.rows(), TestRows::exitSettings));

  private Variant variant(ExperimentResults e, String binarize, String threshold) {
    return e.variants().stream()
        .filter(
            v ->
                v.params().get("binarize").equals(binarize)
                    && (threshold == null || threshold.equals(v.params().get(TestRows.THRESHOLD))))
        .findFirst()
        .orElseThrow();
  }

  private ExitReferences.Lookup find(RunProvenance fixedRun, String binarize, long seed) {
    ExitReferences refs = new ExitReferences(List.of(exit, fixed), List.of(exitRun, fixedRun));
    return refs.find(exit, variant(exit, binarize, "20"), seed);
  }

  @Test
  void matchesTheNoExitJobOfTheSameNetworksAndSeedDespiteOtherEvaluateAndHardwareStages() {
    RunProvenance fixedRun =
        TestRows.provenance("fixed", "", TestRows.jobs(fixed.rows(), TestRows::fixedTSettings));
    for (String b : new String[] {"none", "xnor-bwn"}) {
      for (long seed = 0; seed < 2; seed++) {
        ExitReferences.Lookup l = find(fixedRun, b, seed);
        assertTrue(l.reference().isPresent(), l.missing());
        assertEquals(variant(fixed, b, null), l.reference().get().variant());
        assertEquals(seed, l.reference().get().seed());
        assertEquals("", l.missing());
        assertEquals(1, l.matches());
        assertEquals(200, l.accuracy().size());
        double[] expected = b.equals("none") ? TestRows.FP_FIXED_T : TestRows.BINARY_FIXED_T;
        assertEquals(expected[99], l.accuracy().get(100), 0);
      }
    }
  }

  @Test
  void aDifferentSimulateSettingIsNoMatchAndTheMissNamesIt() {
    RunProvenance fixedRun =
        TestRows.provenance(
            "fixed",
            "",
            TestRows.jobs(
                fixed.rows(),
                r -> TestRows.settings(r.params().get("binarize"), "simulate.timesteps", "100")));
    ExitReferences.Lookup l = find(fixedRun, "none", 0);
    assertFalse(l.reference().isPresent());
    assertTrue(
        l.missing().contains("differs in simulate.timesteps = 100 (with exit: 200)"), l.missing());
    assertTrue(
        l.missing()
            .contains("give the run directory of the same networks without early exit too (seed 0"),
        l.missing());
  }

  @Test
  void aDesignTimeOptimizerOnOneSideIsNoMatchButTheExitOptimizerIsIgnored() {
    RunProvenance fixedRun =
        TestRows.provenance(
            "fixed",
            "",
            TestRows.jobs(
                fixed.rows(),
                r ->
                    TestRows.settings(
                        r.params().get("binarize"),
                        "optimize.threshold-scale",
                        "threshold-scale",
                        "optimize.threshold-scale.factor",
                        "0.5")));
    ExitReferences.Lookup l = find(fixedRun, "none", 0);
    assertFalse(l.reference().isPresent());
    assertTrue(
        l.missing().contains("optimize.threshold-scale = threshold-scale (with exit: unset)"),
        l.missing());
    assertEquals(
        TestRows.settings("none"),
        ExitReferences.networkSettings(
            new RunProvenance.Job("v", 0, "", "", "", TestRows.exitSettings(exit.rows().get(0)))),
        "the early-exit optimizer and the evaluate stages are not network settings");
  }

  @Test
  void anotherSeedOrPrecisionIsNoMatch() {
    List<ResultRow> seedZero =
        new ArrayList<>(fixed.rows().stream().filter(r -> r.seed() == 0).toList());
    ExperimentResults fixed0 = ExperimentResults.of("fixed", seedZero);
    RunProvenance fixedRun =
        TestRows.provenance("fixed", "", TestRows.jobs(seedZero, TestRows::fixedTSettings));
    ExitReferences refs = new ExitReferences(List.of(exit, fixed0), List.of(exitRun, fixedRun));
    ExitReferences.Lookup seed1 = refs.find(exit, variant(exit, "none", "20"), 1);
    assertFalse(seed1.reference().isPresent());
    assertTrue(
        seed1.missing().startsWith("no run without early exit with seed 1 among the inputs"),
        seed1.missing());
    ExitReferences.Lookup binary = refs.find(exit, variant(exit, "xnor-bwn", "20"), 0);
    assertEquals(
        variant(fixed0, "xnor-bwn", null), binary.reference().get().variant(), "not the FP job");
  }

  @Test
  void withoutAnyNoExitRunTheMissSaysWhatToAddAndTheFileTheDescriptionNames() {
    RunProvenance described =
        TestRows.provenance(
            "exit",
            "Early exit on the networks of fashion-mnist-vgg-small.yaml.",
            TestRows.jobs(exit.rows(), TestRows::exitSettings));
    ExitReferences refs = new ExitReferences(List.of(exit), List.of(described));
    ExitReferences.Lookup l = refs.find(exit, variant(exit, "none", "20"), 0);
    assertEquals(
        "no run without early exit among the inputs: give the run directory of the same networks without "
            + "early exit too (seed 0; same dataset, model, train, binarize, normalize, convert, simulate settings, e.g. "
            + "the run of fashion-mnist-vgg-small.yaml, which this experiment's description names)",
        l.missing());
  }

  @Test
  void withoutProvenanceNothingIsMatched() {
    ExitReferences refs = new ExitReferences(List.of(exit, fixed), List.of());
    ExitReferences.Lookup l = refs.find(exit, variant(exit, "none", "20"), 0);
    assertFalse(l.reference().isPresent());
    assertTrue(l.missing().contains("no provenance.json records"), l.missing());
  }

  @Test
  void differencesListUnsetKeysOnEitherSide() {
    TreeMap<String, String> a = TestRows.params("model", "mlp", "simulate.limit", "2000");
    TreeMap<String, String> b = TestRows.params("model", "mlp", "binarize", "xnor-bwn");
    assertEquals(
        List.of(
            "binarize = xnor-bwn (with exit: unset)", "simulate.limit = unset (with exit: 2000)"),
        ExitReferences.differences(a, b));
  }
}
