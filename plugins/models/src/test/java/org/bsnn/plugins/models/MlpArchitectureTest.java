package org.bsnn.plugins.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.junit.jupiter.api.Test;

class MlpArchitectureTest {

  private static DatasetInfo info(int channels, int side, int classes) {
    return new DatasetInfo(
        "toy",
        channels,
        side,
        side,
        java.util.stream.IntStream.range(0, classes).mapToObj(i -> "c" + i).toList(),
        Map.of(),
        Map.of());
  }

  private static Network build(List<Integer> hidden, boolean bias, DatasetInfo data, long seed) {
    return new MlpArchitecture(new MlpConfig(hidden, bias))
        .build(data, new TestRunContext(seed, "model", "mlp", null));
  }

  private static double[] weights(Network net, String node) {
    return TestTensors.values(
        ((Weights.FullPrecision) ((Layer.Dense) net.node(node).layer()).weights()).values());
  }

  @Test
  void layersAndShapesFollowTheConfig() {
    Network net = build(List.of(32, 8), false, info(2, 4, 3), 0);
    assertEquals(
        List.of("flatten", "fc1", "relu1", "fc2", "relu2", "output"),
        net.nodes().stream().map(Node::name).toList());
    assertEquals("output", net.output());
    assertArrayEquals(new long[] {2, 4, 4}, net.inputShape());
    assertInstanceOf(Layer.Flatten.class, net.node("flatten").layer());
    assertInstanceOf(Layer.Relu.class, net.node("relu2").layer());
    assertArrayEquals(
        new long[] {32, 32}, ((Layer.Dense) net.node("fc1").layer()).weights().shape());
    assertArrayEquals(
        new long[] {8, 32}, ((Layer.Dense) net.node("fc2").layer()).weights().shape());
    assertArrayEquals(
        new long[] {3, 8}, ((Layer.Dense) net.node("output").layer()).weights().shape());
    Map<String, long[]> shapes = NetworkForward.shapes(net); // validates the whole graph
    assertArrayEquals(new long[] {3}, shapes.get("output"));
  }

  @Test
  void biasesAreAbsentByDefaultAndZeroWhenAsked() {
    assertNull(
        ((Layer.Dense) build(List.of(4), false, info(1, 2, 2), 0).node("fc1").layer()).bias());
    Network withBias = build(List.of(4), true, info(1, 2, 2), 0);
    for (String node : List.of("fc1", "output")) {
      Layer.Dense d = (Layer.Dense) withBias.node(node).layer();
      assertEquals(d.outFeatures(), d.bias().length());
      assertEquals(0.0, d.bias().amaxNumber().doubleValue(), 0.0);
    }
  }

  @Test
  void weightsAreKaimingNormalWithStdSqrtTwoOverFanIn() {
    // fc1: 512 x 256 weights, fan-in 256; output: 10 x 512, fan-in 512
    Network net = build(List.of(512), false, info(1, 16, 10), 3);
    check(weights(net, "fc1"), Math.sqrt(2.0 / 256));
    check(weights(net, "output"), Math.sqrt(2.0 / 512));
  }

  private static void check(double[] w, double expectedStd) {
    int n = w.length;
    double mean = 0;
    for (double v : w) {
      mean += v;
    }
    mean /= n;
    double var = 0;
    int withinOneStd = 0;
    for (double v : w) {
      var += (v - mean) * (v - mean);
      if (Math.abs(v) <= expectedStd) {
        withinOneStd++;
      }
    }
    double std = Math.sqrt(var / (n - 1));
    // standard errors: mean std/sqrt(n), std about std/sqrt(2n); allow 5 of them
    assertEquals(0.0, mean, 5 * expectedStd / Math.sqrt(n), "mean");
    assertEquals(expectedStd, std, 5 * expectedStd / Math.sqrt(2.0 * n), "std");
    // normal, not uniform: 68.3 % within one standard deviation (uniform with that std: 57.7 %)
    double fraction = (double) withinOneStd / n;
    assertEquals(0.6827, fraction, 5 * Math.sqrt(0.6827 * 0.3173 / n), "fraction within one std");
  }

  @Test
  void theSameSeedBuildsTheSameNetworkAndAnotherSeedAnotherOne() {
    DatasetInfo data = info(1, 4, 3);
    Network a = build(List.of(16, 8), false, data, 5);
    Network b = build(List.of(16, 8), false, data, 5);
    Network c = build(List.of(16, 8), false, data, 6);
    assertEquals(a, b);
    for (String node : List.of("fc1", "fc2", "output")) {
      assertArrayEquals(weights(a, node), weights(b, node), 0.0, node);
      assertTrue(
          !java.util.Arrays.equals(weights(a, node), weights(c, node)),
          node + " must depend on the seed");
    }
    // the layers do not share one stream position: fc1 differs from fc2's leading values
    assertNotEquals(weights(a, "fc1")[0], weights(a, "fc2")[0]);
  }
}
