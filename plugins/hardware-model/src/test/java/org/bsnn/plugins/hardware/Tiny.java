package org.bsnn.plugins.hardware;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.InMemoryDataset;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tiny network whose counts are worked out by hand: input [1,2,2] → flatten → dense1 (4→3) → relu
 * → dense2 (3→2) → output; as an SNN, node "relu" reads the input through [flatten, dense1] and
 * node "out" reads "relu" through [dense2]. Two samples, three timesteps, "relu" spikes 2, 4, 6
 * times (over both samples), 3 non-zero pixels per image.
 */
final class Tiny {
  private Tiny() {}

  static final InMemoryDataSplit TEST =
      InMemoryDataSplit.of(
          new float[][] {{0, 0.5f, 1, 2}, {0, -3, 0.25f, 0}}, new int[] {0, 1}, 1, 2, 2);
  static final DatasetInfo INFO = InMemoryDataset.of("tiny", 2, TEST, TEST).info();

  static Layer.Dense dense1() {
    return TestTensors.dense(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 1}}, null);
  }

  static Layer.Dense dense2(boolean binary) {
    if (binary) {
      return new Layer.Dense(
          new Weights.Binary(
              TestTensors.matrix(new double[][] {{1, -1, 1}, {-1, 1, 1}}),
              TestTensors.vector(0.5, 0.25)),
          null);
    }
    return TestTensors.dense(new double[][] {{1, -1, 1}, {-1, 1, 1}}, null);
  }

  static Network ann(boolean binary) {
    return new Network(
        "tiny",
        new long[] {1, 2, 2},
        List.of(
            Node.of("flatten", new Layer.Flatten(), Network.INPUT),
            Node.of("dense1", dense1(), "flatten"),
            Node.of("relu", new Layer.Relu(), "dense1"),
            Node.of("dense2", dense2(binary), "relu")),
        "dense2");
  }

  static SpikingNetwork snn(boolean binary, Propagation propagation, Encoding encoding) {
    return new SpikingNetwork(
        "tiny-snn",
        new long[] {1, 2, 2},
        List.of(
            new SpikingNode(
                "relu",
                List.of(
                    new Projection(SpikingNetwork.INPUT, List.of(new Layer.Flatten(), dense1()))),
                new Neuron.IntegrateAndFire(Nd4j.createFromArray(1f), ResetMode.SUBTRACT)),
            new SpikingNode(
                "dense2",
                List.of(new Projection("relu", List.of(dense2(binary)))),
                new Neuron.Integrator())),
        encoding,
        propagation,
        Readout.POTENTIAL,
        Map.of());
  }

  static SimulationTrace trace(int[] exit) {
    return new SimulationTrace(
        3,
        new int[] {0, 1},
        new long[] {0, 1, 1},
        new int[] {0, 1},
        exit,
        Map.of("relu", new long[] {2, 4, 6}),
        Map.of("relu", 3L),
        6,
        2);
  }

  static Evaluation evaluation(boolean binary, Propagation propagation, int[] exit) {
    return evaluation(binary, propagation, Encoding.DIRECT, exit);
  }

  static Evaluation evaluation(
      boolean binary, Propagation propagation, Encoding encoding, int[] exit) {
    return new Evaluation(
        INFO,
        TEST,
        ann(binary),
        () -> {
          throw new AssertionError("hardware models must not ask for ANN predictions");
        },
        Optional.of(snn(binary, propagation, encoding)),
        Optional.of(trace(exit)));
  }

  static Evaluation annOnly(boolean binary) {
    return new Evaluation(
        INFO,
        TEST,
        ann(binary),
        () -> {
          throw new AssertionError("hardware models must not ask for ANN predictions");
        },
        Optional.empty(),
        Optional.empty());
  }

  static double scalar(List<Measurement> ms, String metric) {
    return ms.stream()
        .filter(m -> m instanceof Measurement.Scalar && m.metric().equals(metric))
        .map(m -> ((Measurement.Scalar) m).value())
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no scalar "
                        + metric
                        + " in "
                        + ms.stream().map(Measurement::metric).toList()));
  }

  static double[] series(List<Measurement> ms, String metric) {
    return ms.stream()
        .filter(m -> m instanceof Measurement.Series && m.metric().equals(metric))
        .map(m -> ((Measurement.Series) m).values())
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no series "
                        + metric
                        + " in "
                        + ms.stream().map(Measurement::metric).toList()));
  }

  static void assertNone(List<Measurement> ms, String prefix) {
    assertFalse(
        ms.stream().anyMatch(m -> m.metric().startsWith(prefix)),
        "unexpected " + prefix + " rows in " + ms);
  }
}
