package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bsnn.api.results.ResultRow;
import org.junit.jupiter.api.Test;

class ExperimentResultsTest {

  @Test
  void splitsByExperimentInNameOrder() {
    List<ResultRow> rows = new ArrayList<>(TestRows.percentileSweep());
    rows.addAll(TestRows.headline());
    List<ExperimentResults> split = ExperimentResults.split(rows);
    assertEquals(
        List.of("sweep", "synth"), split.stream().map(ExperimentResults::experiment).toList());
  }

  @Test
  void variantsFullPrecisionFirstThenNaturalParameterOrder() {
    ExperimentResults r = ExperimentResults.split(TestRows.percentileSweep()).get(0);
    List<String> names = r.variants().stream().map(Variant::name).toList();
    assertEquals("binarize=none;normalize.percentile=99.0", names.get(0));
    assertEquals("binarize=none;normalize.percentile=100.0", names.get(3));
    assertEquals("binarize=xnor-bwn;normalize.percentile=99.0", names.get(4));
    assertEquals(List.of("binarize", "normalize.percentile"), r.varyingKeys());
    assertEquals(List.of("normalize.percentile"), r.numericSweepKeys());
  }

  @Test
  void scalarStatisticsOverSeeds() {
    ExperimentResults r = ExperimentResults.split(TestRows.headline()).get(0);
    Variant fp = r.variants().get(0);
    Variant bin = r.variants().get(1);
    assertEquals(Variant.Precision.FULL, fp.precision());
    assertEquals(Variant.Precision.BINARY, bin.precision());
    assertEquals(0.91, r.scalar(fp, "ann-accuracy").get().mean(), 1e-12);
    assertEquals(0.01, r.scalar(fp, "ann-accuracy").get().std(), 1e-12);
    assertEquals(22, r.scalar(fp, "timesteps-to-within[0.5 pt]").get().mean(), 1e-12);
    assertTrue(r.scalar(bin, "timesteps-to-within[0.5 pt]").get().isEmpty());
    assertTrue(r.scalar(fp, "no-such-metric").isEmpty());
  }

  @Test
  void theAnnReferenceIsOnTheSnnsImagesWhenRecorded() {
    ExperimentResults whole = ExperimentResults.split(TestRows.headline()).get(0);
    assertEquals(
        0.91,
        whole.annReference(whole.variants().get(0)).get().mean(),
        1e-12,
        "falls back to ann-accuracy");
    TestRows r = new TestRows("subset");
    r.scalar(TestRows.params("binarize", "none"), 0, "ann-accuracy", 0.90);
    r.scalar(TestRows.params("binarize", "none"), 0, "ann-accuracy-on-snn-samples", 0.93);
    ExperimentResults subset = ExperimentResults.split(r.rows).get(0);
    assertEquals(0.93, subset.annReference(subset.variants().get(0)).get().mean(), 1e-12);
  }

  @Test
  void seriesAveragedPerTimestep() {
    ExperimentResults r = ExperimentResults.split(TestRows.headline()).get(0);
    SeriesStats s = r.series(r.variants().get(0), "spikes[relu1]").get();
    assertEquals(40, s.timesteps().length);
    assertEquals(3, s.seeds());
    assertEquals(110.0, s.mean()[0], 1e-12);
    assertEquals(10.0, s.std()[0], 1e-12);
    assertEquals(
        40 * 110.0, r.seriesTotal(r.variants().get(0), "spikes[relu1]").get().mean(), 1e-9);
  }

  @Test
  void oneSeedsSeriesByTimestep() {
    ExperimentResults r = ExperimentResults.split(TestRows.fixedT()).get(0);
    Variant fp = r.variants().get(0);
    java.util.SortedMap<Integer, Double> s = r.seriesOfSeed(fp, "snn-accuracy", 1);
    assertEquals(200, s.size());
    assertEquals(0.80, s.get(49), 0);
    assertEquals(0.85, s.get(50), 0);
    assertTrue(r.seriesOfSeed(fp, "snn-accuracy", 7).isEmpty(), "no such seed");
    assertTrue(r.seriesOfSeed(fp, "ann-accuracy", 1).isEmpty(), "a scalar has no series");
  }

  @Test
  void labelsNamePrecisionRoleAndVaryingParameters() {
    ExperimentResults sweep = ExperimentResults.split(TestRows.percentileSweep()).get(0);
    assertEquals("binary SNN, percentile 99.9", sweep.label(sweep.variants().get(6), "SNN"));
    assertEquals(
        "FP ANN", sweep.label(sweep.variants().get(0), "ANN", List.of("normalize.percentile")));
    ExperimentResults base =
        ExperimentResults.split(
                List.of(
                    new ResultRow(
                        "e",
                        "base",
                        0,
                        "evaluate",
                        "ann-accuracy",
                        java.util.OptionalInt.empty(),
                        0.5,
                        "fraction",
                        "r",
                        "c",
                        "v",
                        new java.util.TreeMap<>())))
            .get(0);
    assertEquals("SNN", base.label(base.variants().get(0), "SNN"));
    assertEquals("base", base.label(base.variants().get(0), ""));
  }

  /** FP with one recipe, binary with another (a linked sweep axis), times a percentile axis. */
  private static ExperimentResults linkedRecipes() {
    TestRows r = new TestRows("linked");
    for (String pct : new String[] {"99.0", "99.9"}) {
      r.scalar(
          TestRows.params("binarize", "none", "train", "sgd-recipe", "normalize.percentile", pct),
          0,
          "ann-accuracy",
          0.9);
      r.scalar(
          TestRows.params(
              "binarize", "xnor-bwn", "train", "adam-recipe", "normalize.percentile", pct),
          0,
          "ann-accuracy",
          0.8);
    }
    return ExperimentResults.split(r.rows).get(0);
  }

  @Test
  void keysFixedByThePrecisionStayOutOfLabels() {
    ExperimentResults r = linkedRecipes();
    assertEquals(List.of("binarize", "normalize.percentile", "train"), r.varyingKeys());
    assertEquals(List.of("train"), r.precisionKeys());
    Variant bin = r.variants().get(3);
    assertEquals("binary SNN, percentile 99.9", r.label(bin, "SNN"));
    assertEquals("percentile 99.9", r.paramsLabel(bin, List.of()));
    // a key crossed with binarize (cartesian) is not a precision key
    assertEquals(
        List.of(), ExperimentResults.split(TestRows.percentileSweep()).get(0).precisionKeys());
  }
}
