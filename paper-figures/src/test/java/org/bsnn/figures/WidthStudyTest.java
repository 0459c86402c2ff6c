package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.bsnn.api.results.ResultRow;
import org.junit.jupiter.api.Test;

class WidthStudyTest {

  static final double[] ANN_GAPS = {-3.0, -2.0, -0.8, -0.4};
  static final double[] SNN_GAPS = {-3.5, -2.5, -0.6, -0.3};

  static ExperimentResults study(double[] annGaps, double[] snnGaps) {
    return ExperimentResults.of("width", TestRows.widthStudy(annGaps, snnGaps));
  }

  @Test
  void theWidthIsTheFirstConvolutionsChannelCount() {
    for (int i = 0; i < TestRows.WIDTH_LAYERS.length; i++) {
      assertEquals(Optional.of(8 << i), WidthStudy.widthOf(TestRows.WIDTH_LAYERS[i]));
    }
    assertEquals(Optional.of(16), WidthStudy.widthOf("C16P-fc10"), "case-insensitive");
    assertEquals(Optional.of(128), WidthStudy.widthOf("fc128-fc10"), "no conv: the first layer");
    assertEquals(Optional.of(24), WidthStudy.widthOf(" c24-c48p-fc10 "));
  }

  @Test
  void textThatIsNotALayerListHasNoWidth() {
    for (String s :
        List.of(
            "c16-c16p",
            "fc10-c16-fc10",
            "c0-fc10",
            "c16-fc0",
            "99.9",
            "[64]",
            "mlp",
            "",
            "c16-fc10p")) {
      assertEquals(Optional.empty(), WidthStudy.widthOf(s), s);
    }
  }

  @Test
  void aSweepOverLayerListsIsAWidthStudyWithOnePointPerWidthAscending() {
    WidthStudy w = WidthStudy.of(study(ANN_GAPS, SNN_GAPS)).orElseThrow();
    assertEquals("model.layers", w.key());
    assertEquals(List.of(8, 16, 32, 64), w.points().stream().map(WidthStudy.Point::width).toList());
    for (int i = 0; i < 4; i++) {
      WidthStudy.Point p = w.points().get(i);
      assertEquals(TestRows.WIDTH_LAYERS[i], p.layers());
      assertEquals(Variant.Precision.FULL, p.fp().orElseThrow().precision());
      assertEquals(Variant.Precision.BINARY, p.binary().orElseThrow().precision());
    }
    assertEquals("8, 16, 32 and 64", w.widthList());
  }

  @Test
  void otherSweepsAreNotWidthStudies() {
    assertTrue(WidthStudy.of(ExperimentResults.of("synth", TestRows.headline())).isEmpty());
    assertTrue(WidthStudy.of(ExperimentResults.of("sweep", TestRows.percentileSweep())).isEmpty());
    assertTrue(
        WidthStudy.of(ExperimentResults.of("exit", TestRows.earlyExit())).isEmpty(),
        "thresholds are not widths, and exit variants do not count");
  }

  @Test
  void twoListsOfOneWidthOrAnotherVaryingKeyAreNotAWidthStudy() {
    TestRows same = new TestRows("w");
    same.scalar(
        TestRows.params("model.layers", "c16-c16p-fc10", "binarize", "none"),
        0,
        "ann-accuracy",
        0.9);
    same.scalar(
        TestRows.params("model.layers", "c16-c32p-fc10", "binarize", "none"),
        0,
        "ann-accuracy",
        0.9);
    assertTrue(WidthStudy.of(ExperimentResults.of("w", same.rows)).isEmpty());

    TestRows more = new TestRows("w");
    for (String layers : List.of("c8-fc10", "c16-fc10")) {
      for (String p : List.of("99.9", "99.99")) {
        more.scalar(
            TestRows.params("model.layers", layers, "normalize.percentile", p),
            0,
            "snn-final-accuracy",
            0.9);
      }
    }
    assertTrue(WidthStudy.of(ExperimentResults.of("w", more.rows)).isEmpty());
  }

  @Test
  void variantsWithEarlyExitAreLeftOut() {
    List<ResultRow> rows = new ArrayList<>(TestRows.widthStudy(ANN_GAPS, SNN_GAPS));
    TestRows exit = new TestRows("width");
    TreeMap<String, String> p =
        TestRows.params(
            "model.layers", TestRows.WIDTH_LAYERS[0], "binarize", "none", TestRows.THRESHOLD, "50");
    exit.scalar(p, 0, "exit-accuracy", 0.8);
    exit.scalar(p, 0, "snn-final-accuracy", 0.8);
    rows.addAll(exit.rows);
    ExperimentResults e = ExperimentResults.of("width", rows);
    WidthStudy w = WidthStudy.of(e).orElseThrow();
    assertEquals(4, w.points().size());
    assertTrue(w.points().get(0).fp().orElseThrow().param(TestRows.THRESHOLD).isEmpty());
  }

  @Test
  void gapsArePairedBySeedAndSeedsWithOneSideAreLeftOut() {
    TreeMap<Long, Double> binary = new TreeMap<>();
    binary.put(0L, 0.90);
    binary.put(1L, 0.80);
    binary.put(2L, 0.70);
    TreeMap<Long, Double> fp = new TreeMap<>();
    fp.put(0L, 0.85);
    fp.put(1L, 0.80);
    fp.put(3L, 0.60);
    MeanStd g = WidthStudy.paired(binary, fp).orElseThrow();
    assertEquals(2, g.n(), "seeds 0 and 1 only");
    assertEquals(2.5, g.mean(), 1e-9);
    assertEquals(Math.sqrt(12.5), g.std(), 1e-9, "sample std of the differences 5 and 0 pt");
    assertTrue(WidthStudy.paired(binary, new TreeMap<>()).isEmpty());
  }

  @Test
  void gapOfTheGeneratedStudyIsTheRuleItWasMadeWith() {
    ExperimentResults e = study(ANN_GAPS, SNN_GAPS);
    WidthStudy w = WidthStudy.of(e).orElseThrow();
    for (int i = 0; i < 4; i++) {
      WidthStudy.Point p = w.points().get(i);
      MeanStd ann = WidthStudy.gap(e, p, "ann-accuracy", "ann-accuracy").orElseThrow();
      assertEquals(ANN_GAPS[i], ann.mean(), 1e-9);
      // seed 0 at +0.1 pt, seed 1 at -0.1 pt: differences gap ± 0.1, sample std √0.02
      assertEquals(Math.sqrt(0.02), ann.std(), 1e-9);
      MeanStd snn = WidthStudy.gap(e, p, "snn-final-accuracy", "snn-final-accuracy").orElseThrow();
      assertEquals(SNN_GAPS[i], snn.mean(), 1e-9);
      assertEquals("ann-accuracy-on-snn-samples", WidthStudy.fpAnnReference(e, p));
    }
  }
}
