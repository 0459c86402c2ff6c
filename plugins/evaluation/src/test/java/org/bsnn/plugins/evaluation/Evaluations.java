package org.bsnn.plugins.evaluation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.InMemoryDataset;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.snn.SimulationTrace;

/** Hand-made evaluations for metric tests. */
final class Evaluations {
  private Evaluations() {}

  static final InMemoryDataSplit TEST =
      InMemoryDataSplit.flat(new float[][] {{1}, {2}, {3}, {4}}, new int[] {0, 1, 1, 0});
  static final DatasetInfo INFO = InMemoryDataset.of("toy", 2, TEST, TEST).info();
  static final Network ANN =
      new Network(
          "toy",
          new long[] {1, 1, 1},
          List.of(
              Node.of("flatten", new Layer.Flatten(), Network.INPUT),
              Node.of("out", TestTensors.dense(new double[][] {{1}, {-1}}, null), "flatten")),
          "out");

  /**
   * ANN predictions with the given accuracy-defining predictions, counting how often they are asked
   * for.
   */
  static Supplier<Evaluation.AnnPredictions> ann(int[] predictions, AtomicInteger calls) {
    int[] labels = {0, 1, 1, 0};
    return () -> {
      calls.incrementAndGet();
      return new Evaluation.AnnPredictions(labels, predictions, new float[labels.length][2]);
    };
  }

  static Evaluation of(Optional<SimulationTrace> trace, Supplier<Evaluation.AnnPredictions> ann) {
    return new Evaluation(INFO, TEST, ANN, ann, Optional.empty(), trace);
  }

  static Supplier<Evaluation.AnnPredictions> mustNotBeAsked() {
    return () -> {
      throw new AssertionError("the ANN predictions must not be computed");
    };
  }

  static Measurement.Scalar scalar(List<Measurement> measurements, String metric) {
    return (Measurement.Scalar) find(measurements, metric);
  }

  static Measurement.Series series(List<Measurement> measurements, String metric) {
    return (Measurement.Series) find(measurements, metric);
  }

  private static Measurement find(List<Measurement> measurements, String metric) {
    return measurements.stream()
        .filter(m -> m.metric().equals(metric))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no "
                        + metric
                        + " in "
                        + measurements.stream().map(Measurement::metric).toList()));
  }

  /** A trace of 4 samples and T timesteps. */
  static SimulationTrace trace(
      long[] correctByTimestep,
      int[] predictions,
      int[] exit,
      Map<String, long[]> spikes,
      Map<String, Long> neurons) {
    return new SimulationTrace(
        correctByTimestep.length,
        new int[] {0, 1, 1, 0},
        correctByTimestep,
        predictions,
        exit,
        spikes,
        neurons,
        0,
        1);
  }
}
