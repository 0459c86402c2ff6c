package org.bsnn.api.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SpikingDynamicsTest {

  private static final Layer.MaxPool2d POOL = new Layer.MaxPool2d(2, 2);

  /** Random binary spike trains [steps][n, c, h, w], each neuron with its own rate. */
  private static float[][] spikeTrains(long seed, int steps, int length) {
    Random r = new Random(seed);
    double[] rate = new double[length];
    for (int i = 0; i < length; i++) {
      rate[i] = r.nextDouble();
    }
    float[][] out = new float[steps][length];
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < length; i++) {
        out[t][i] = r.nextDouble() < rate[i] ? 1f : 0f;
      }
    }
    return out;
  }

  @Test
  void theGatesAccumulatedOutputIsTheWindowMaximumOfAccumulatedInputAndAtMostOneSpikePerStep() {
    long[] shape = {3, 2, 4, 4};
    int length = 3 * 2 * 4 * 4;
    int steps = 60;
    float[][] trains = spikeTrains(1, steps, length);
    INDArray sum = Nd4j.zeros(DataType.FLOAT, shape);
    INDArray passed = Nd4j.zeros(DataType.FLOAT, 3, 2, 2, 2);
    try (SpikingDynamics.MaxPoolGate gate = new SpikingDynamics.MaxPoolGate(POOL)) {
      for (int t = 0; t < steps; t++) {
        INDArray spikes = Nd4j.create(trains[t], shape, 'c');
        INDArray out = gate.step(spikes);
        double[] values = TestTensors.values(out);
        for (double v : values) {
          assertTrue(v == 0 || v == 1, "binary output, got " + v);
        }
        sum.addi(spikes);
        passed.addi(out);
        assertArrayEquals(
            TestTensors.values(LayerOps.apply(POOL, sum)),
            TestTensors.values(passed),
            0.0,
            "t=" + (t + 1));
      }
    }
  }

  @Test
  void everySpikeThatPassesComesFromANeuronThatSpikedInItsWindow() {
    long[] shape = {1, 1, 2, 2};
    float[][] trains = spikeTrains(2, 200, 4);
    try (SpikingDynamics.MaxPoolGate gate = new SpikingDynamics.MaxPoolGate(POOL)) {
      for (float[] train : trains) {
        double out = gate.step(Nd4j.create(train, shape, 'c')).getDouble(0);
        if (out == 1) {
          assertTrue(train[0] + train[1] + train[2] + train[3] > 0);
        }
      }
    }
  }

  @Test
  void twoEqualRateNeuronsFiringOutOfPhaseDoNotDoubleTheRate() {
    // neurons (0,0) and (0,1) of one 2x2 window take turns
    INDArray a = Nd4j.create(new float[] {1, 0, 0, 0}, new long[] {1, 1, 2, 2}, 'c');
    INDArray b = Nd4j.create(new float[] {0, 1, 0, 0}, new long[] {1, 1, 2, 2}, 'c');
    double total = 0;
    try (SpikingDynamics.MaxPoolGate gate = new SpikingDynamics.MaxPoolGate(POOL)) {
      for (int t = 0; t < 100; t++) {
        total += gate.step(t % 2 == 0 ? a : b).getDouble(0);
      }
    }
    assertEquals(50, total, 0.0, "each neuron fires 50 times; the max count is 50");
  }

  @Test
  void underConstantAnalogInputTheGateIsMaxPooling() {
    INDArray x = TestTensors.uniform(3, 0, 1, 2, 3, 4, 4);
    INDArray expected = LayerOps.apply(POOL, x);
    try (SpikingDynamics.MaxPoolGate gate = new SpikingDynamics.MaxPoolGate(POOL)) {
      for (int t = 0; t < 20; t++) {
        assertArrayEquals(TestTensors.values(expected), TestTensors.values(gate.step(x)), 1e-5);
      }
    }
  }

  @Test
  void keepRowsSelectsSamplesInOrderForAnyRank() {
    INDArray images = TestTensors.randn(4, 1, 5, 2, 3, 3);
    INDArray kept = SpikingDynamics.keepRows(images, new int[] {4, 1});
    assertArrayEquals(new long[] {2, 2, 3, 3}, kept.shape());
    assertEquals(images.slice(4), kept.slice(0));
    assertEquals(images.slice(1), kept.slice(1));
    INDArray flat = TestTensors.randn(5, 1, 3, 7);
    assertEquals(flat.getRow(2), SpikingDynamics.keepRows(flat, new int[] {2}).getRow(0));
    // a gate keeps its per-sample state through shrinking
    try (SpikingDynamics.MaxPoolGate full = new SpikingDynamics.MaxPoolGate(POOL);
        SpikingDynamics.MaxPoolGate shrunk = new SpikingDynamics.MaxPoolGate(POOL)) {
      float[][] trains = spikeTrains(6, 30, 3 * 1 * 2 * 2);
      for (int t = 0; t < 30; t++) {
        INDArray s = Nd4j.create(trains[t], new long[] {3, 1, 2, 2}, 'c');
        INDArray f = full.step(s);
        if (t == 10) {
          shrunk.keepRows(new int[] {0, 2});
        }
        INDArray g = shrunk.step(t >= 10 ? SpikingDynamics.keepRows(s, new int[] {0, 2}) : s);
        if (t >= 10) {
          assertEquals(f.getDouble(0), g.getDouble(0), 0.0);
          assertEquals(f.getDouble(2), g.getDouble(1), 0.0);
        }
      }
    }
  }

  @Test
  void fireSpikesAtOrAboveThresholdAndResets() {
    INDArray v = Nd4j.create(new float[] {0.5f, 1f, 1.5f, 2.5f}, new long[] {1, 4}, 'c');
    INDArray fired =
        SpikingDynamics.fire(
            v, new Neuron.IntegrateAndFire(TestTensors.vector(1), ResetMode.SUBTRACT));
    assertArrayEquals(new double[] {0, 1, 1, 1}, TestTensors.values(fired), 0.0);
    assertArrayEquals(new double[] {0.5, 0, 0.5, 1.5}, TestTensors.values(v), 1e-7);
    INDArray w = Nd4j.create(new float[] {0.5f, 1f, 1.5f, 2.5f}, new long[] {1, 4}, 'c');
    SpikingDynamics.fire(
        w, new Neuron.IntegrateAndFire(TestTensors.vector(1, 2, 1, 3), ResetMode.ZERO));
    assertArrayEquals(new double[] {0.5, 1, 0, 2.5}, TestTensors.values(w), 1e-7);
  }

  /**
   * conv - maxpool - relu - flatten - dense, and the same with relu before the pool: equal outputs.
   */
  @Test
  void reluBeforeMaxPoolRewritesWithoutChangingTheFunction() {
    Network net =
        new Network(
            "n",
            new long[] {1, 4, 4},
            List.of(
                Node.of(
                    "conv",
                    new Layer.Conv2d(
                        3,
                        1,
                        1,
                        new Weights.FullPrecision(TestTensors.randn(1, 0.5, 2, 1, 3, 3)),
                        null),
                    Network.INPUT),
                Node.of("pool", POOL, "conv"),
                Node.of("relu", new Layer.Relu(), "pool"),
                Node.of("flatten", new Layer.Flatten(), "relu"),
                Node.of(
                    "fc",
                    TestTensors.dense(new double[][] {{1, -1, 2, 0, 0, 1, -1, 1}}, null),
                    "flatten")),
            "fc");
    Network rewritten = SpikingDynamics.reluBeforeMaxPool(net);
    assertEquals(
        List.of("conv", "relu", "pool", "flatten", "fc"),
        rewritten.nodes().stream().map(Node::name).toList());
    assertEquals(List.of("pool"), rewritten.node("flatten").inputs());
    INDArray x = TestTensors.uniform(2, -1, 1, 6, 1, 4, 4);
    assertArrayEquals(
        TestTensors.values(NetworkForward.run(net, x)),
        TestTensors.values(NetworkForward.run(rewritten, x)),
        1e-6);
    assertSame(rewritten, SpikingDynamics.reluBeforeMaxPool(rewritten), "already canonical");
  }

  private static SpikingNetwork network(List<SpikingNode> nodes) {
    return new SpikingNetwork(
        "s",
        new long[] {1, 2, 2},
        nodes,
        Encoding.DIRECT,
        Propagation.SAME_STEP,
        Readout.POTENTIAL,
        Map.of());
  }

  @Test
  void shapesValidateProjectionsThresholdsAndTheOutput() {
    Projection flat = new Projection(SpikingNetwork.INPUT, List.of(new Layer.Flatten()));
    SpikingNode out =
        new SpikingNode(
            "out",
            List.of(
                new Projection(
                    "a", List.of(TestTensors.dense(new double[][] {{1, 1, 1, 1}}, null)))),
            new Neuron.Integrator());
    SpikingNode a =
        new SpikingNode(
            "a",
            List.of(flat),
            new Neuron.IntegrateAndFire(TestTensors.vector(1), ResetMode.SUBTRACT));
    assertArrayEquals(new long[] {4}, SpikingDynamics.shapes(network(List.of(a, out))).get("a"));

    SpikingNode mismatched =
        new SpikingNode(
            "a",
            List.of(flat, new Projection(SpikingNetwork.INPUT, List.of())),
            new Neuron.IntegrateAndFire(TestTensors.vector(1), ResetMode.SUBTRACT));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpikingDynamics.shapes(network(List.of(mismatched, out))));
    assertTrue(
        e.getMessage().contains("'a'")
            && e.getMessage().contains("[4]")
            && e.getMessage().contains("[1, 2, 2]"),
        e.getMessage());

    SpikingNode badThreshold =
        new SpikingNode(
            "a",
            List.of(flat),
            new Neuron.IntegrateAndFire(TestTensors.vector(1, 2, 3), ResetMode.SUBTRACT));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpikingDynamics.shapes(network(List.of(badThreshold, out))));
    assertTrue(
        e.getMessage().contains("threshold") && e.getMessage().contains("[3]"), e.getMessage());

    SpikingNode wrongDense =
        new SpikingNode(
            "out",
            List.of(
                new Projection("a", List.of(TestTensors.dense(new double[][] {{1, 1, 1}}, null)))),
            new Neuron.Integrator());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpikingDynamics.shapes(network(List.of(a, wrongDense))));
    assertTrue(
        e.getMessage().contains("'out'")
            && e.getMessage().contains("from 'a'")
            && e.getMessage().contains("3 input features"),
        e.getMessage());
  }

  @Test
  void projectionsRejectNonLinearOpsAndALateMaxPool() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Projection("a", List.of(new Layer.Flatten(), new Layer.Relu())));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Projection("a", List.of(new Layer.AvgPool2d(2, 2), POOL)));
    assertTrue(e.getMessage().contains("first op"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Projection("a", List.of(), TestTensors.vector(0)));
    assertTrue(new Projection("a", List.of(POOL, new Layer.Flatten())).gated());
    assertEquals(null, new Projection("a", List.of()).scale());
  }
}
