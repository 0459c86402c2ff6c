package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClaimChecksTest {

  private final ClaimChecks checks = new ClaimChecks(1.0, 200);

  private static Optional<Variant> variant(ExperimentResults e, String binarize) {
    return e.variants().stream()
        .filter(v -> v.params().get("binarize").equals(binarize))
        .findFirst();
  }

  @Test
  void snnsAreComparedWithTheAnnOnTheSameImagesWhenRecorded() {
    // fixedT(), two seeds: FP ANN 0.91 on all images but 0.905 on the SNN's; FP SNN 0.90, binary
    // SNN 0.87.
    ExperimentResults e = ExperimentResults.of("fixed", TestRows.fixedT());
    List<ClaimVerdict> v =
        checks.check(e, variant(e, "none"), variant(e, "xnor-bwn"), List.of(), 200);
    ClaimVerdict claim1 = v.get(0);
    assertEquals(1, claim1.number());
    assertEquals(
        "binary SNN 87.00 ± 0.00 % vs FP ANN on the same images 90.50 ± 0.00 %: −3.50 pt, more than 1.0 pt below.",
        claim1.detail());
    ClaimVerdict fpConversion = v.get(3);
    assertEquals(ClaimVerdict.Outcome.HOLDS, fpConversion.outcome());
    assertEquals(
        "FP SNN 90.00 ± 0.00 % vs FP ANN on the same images 90.50 ± 0.00 %: −0.50 pt, within 1.0 pt.",
        fpConversion.detail());
    assertEquals(
        ClaimChecks.SIDE_CHECK,
        v.get(2).number(),
        "the ANN's binarization cost is no numbered claim");
    assertTrue(
        v.get(2).detail().startsWith("binary ANN 88.00 ± 0.00 % vs FP ANN 91.00 ± 0.00 %"),
        "ANNs compare on all images");
    assertEquals(
        ClaimVerdict.Outcome.NOT_TESTED, v.get(5).outcome(), "no timesteps-to-within rows");
  }

  @Test
  void latencyVerdictsNameTheirSnn() {
    TestRows r = new TestRows("lat");
    TreeMap<String, String> fp = TestRows.params("binarize", "none");
    r.scalar(fp, 0, "ann-accuracy", 0.9).scalar(fp, 0, "snn-final-accuracy", 0.9);
    r.scalar(fp, 0, "evaluate", "timesteps-to-within[1.0 pt]", 250, "timesteps");
    ExperimentResults e = ExperimentResults.of("lat", r.rows);
    ClaimVerdict fpLatency =
        checks.check(e, variant(e, "none"), Optional.empty(), List.of(1.0), 300).get(5);
    assertEquals(4, fpLatency.number());
    assertEquals(
        ClaimVerdict.Outcome.DOES_NOT_HOLD, fpLatency.outcome(), "250 > the budget of 200");
    assertEquals("FP SNN: 250 timesteps.", fpLatency.subjectAndDetail());
  }
}
