package org.example.lab.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.snn.SimulationTrace;
import org.junit.jupiter.api.Test;

class AgreementMetricTest {

  private static final DatasetInfo DATASET =
      new DatasetInfo("toy", 1, 1, 1, List.of("cat", "dog, large"), Map.of(), Map.of());
  private static final Network ANN =
      new Network(
          "toy",
          new long[] {1, 1, 1},
          List.of(Node.of("flatten", new Layer.Flatten(), Network.INPUT)),
          "flatten");
  private static final int[] LABELS = {0, 0, 1, 1, 1};

  private static Evaluation evaluation(int[] annPredictions, Optional<SimulationTrace> trace) {
    InMemoryDataSplit test = InMemoryDataSplit.flat(new float[LABELS.length][1], LABELS);
    return new Evaluation(
        DATASET,
        test,
        ANN,
        () -> new Evaluation.AnnPredictions(LABELS, annPredictions, new float[LABELS.length][2]),
        Optional.empty(),
        trace);
  }

  private static SimulationTrace trace(int[] labels, int[] predictions) {
    return new SimulationTrace(
        1, labels, new long[] {0}, predictions, new int[labels.length], Map.of(), Map.of(), 0, 1);
  }

  private static double value(List<Measurement> rows, String metric) {
    return rows.stream()
        .filter(m -> m.metric().equals(metric))
        .map(m -> ((Measurement.Scalar) m).value())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + " in " + rows));
  }

  @Test
  void countsAgreementAndTheImagesOnlyOneNetworkGetsRight() {
    // image:          0  1  2  3  4
    // ANN:            0  1  1  1  0   right on 0, 2, 3
    // SNN:            0  0  1  0  0   right on 0, 1, 2
    int[] ann = {0, 1, 1, 1, 0};
    int[] snn = {0, 0, 1, 0, 0};
    List<Measurement> rows =
        new AgreementMetric(new AgreementConfig(0.95, true))
            .measure(evaluation(ann, Optional.of(trace(LABELS, snn))), new TestRunContext(0));
    assertEquals(3.0 / 5, value(rows, "ann-snn-agreement"), 1e-12); // images 0, 2, 4
    assertEquals(1.0 / 5, value(rows, "ann-right-snn-wrong"), 1e-12); // image 3
    assertEquals(1.0 / 5, value(rows, "snn-right-ann-wrong"), 1e-12); // image 1
    assertEquals(1.0 / 2, value(rows, "ann-snn-agreement[cat]"), 1e-12); // images 0, 1
    assertEquals(2.0 / 3, value(rows, "ann-snn-agreement[dog; large]"), 1e-12); // images 2, 3, 4
    WilsonInterval expected = WilsonInterval.of(3, 5, 0.95);
    assertEquals(expected.low(), value(rows, "ann-snn-agreement-low"), 1e-12);
    assertEquals(expected.high(), value(rows, "ann-snn-agreement-high"), 1e-12);
    assertTrue(expected.low() < 0.6 && 0.6 < expected.high());
  }

  @Test
  void onlyTheSimulatedImagesAreCompared() {
    // the simulator ran on the first 2 images only
    int[] ann = {0, 1, 0, 0, 0};
    List<Measurement> rows =
        new AgreementMetric(new AgreementConfig(0.95, false))
            .measure(
                evaluation(ann, Optional.of(trace(new int[] {0, 0}, new int[] {0, 0}))),
                new TestRunContext(0));
    assertEquals(0.5, value(rows, "ann-snn-agreement"), 1e-12);
    assertTrue(
        rows.stream().noneMatch(m -> m.metric().startsWith("ann-snn-agreement[")),
        "no per-class rows unless asked");
  }

  @Test
  void anAnnOnlyExperimentGetsNoRowsAndTheAnnIsNotAskedFor() {
    Evaluation e =
        new Evaluation(
            DATASET,
            InMemoryDataSplit.flat(new float[1][1], new int[] {0}),
            ANN,
            () -> {
              throw new AssertionError("the ANN predictions must not be computed");
            },
            Optional.empty(),
            Optional.empty());
    assertEquals(
        List.of(),
        new AgreementMetric(new AgreementConfig(0.95, true)).measure(e, new TestRunContext(0)));
  }

  @Test
  void imagesInAnotherOrderThanTheAnnsAreAnError() {
    int[] shuffledLabels = {1, 0, 1, 1, 1};
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new AgreementMetric(new AgreementConfig(0.95, false))
                    .measure(
                        evaluation(LABELS, Optional.of(trace(shuffledLabels, shuffledLabels))),
                        new TestRunContext(0)));
    assertTrue(e.getMessage().contains("image 0"), e.getMessage());
  }

  @Test
  void theConfidenceLevelMustBeAProbability() {
    for (double bad : new double[] {0, 1, -0.5, 95, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new AgreementConfig(bad, false));
      assertTrue(e.getMessage().contains("confidence must be in (0, 1)"), e.getMessage());
    }
  }
}
