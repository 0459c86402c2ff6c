package org.bsnn.plugins.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class XnorNetArchitectureTest {

  @TempDir Path dir;

  private Network build(XnorNetConfig config, int c, int size, int classes) {
    return new XnorNetArchitecture(config)
        .build(
            ArchitectureFixtures.info("data", c, size, size, classes),
            new TestRunContext(0, "model", "xnor-net", dir));
  }

  @Test
  void defaultNetworkHasBatchNormAndSignBeforeEveryHiddenLayerButTheFirst() {
    Network net = build(new XnorNetProvider().defaults(), 1, 28, 10);
    List<String> order = net.nodes().stream().map(n -> n.name() + ":" + n.layer().type()).toList();
    assertEquals(
        List.of(
            "conv1:conv2d",
            "conv1-bn:batchnorm",
            "conv1-relu:relu",
            "conv1-pool:maxpool2d",
            "conv2-bn:batchnorm",
            "conv2-sign:sign",
            "conv2:conv2d",
            "conv2-relu:relu",
            "conv2-pool:maxpool2d",
            "fc1-bn:batchnorm",
            "fc1-sign:sign",
            "flatten:flatten",
            "fc1:dense",
            "fc1-relu:relu",
            "fc2:dense"),
        order);
    Map<String, long[]> shapes = NetworkForward.shapes(net);
    assertArrayEquals(
        new long[] {64, 7, 7}, shapes.get("fc1-sign"), "normalized and binarized per channel");
    assertArrayEquals(new long[] {64 * 7 * 7}, shapes.get("flatten"));
    assertArrayEquals(new long[] {10}, shapes.get("fc2"));
    assertEquals("fc2", net.output());
    assertEquals(
        XnorNetBuilder.EPSILON, ((Layer.BatchNorm) net.node("conv2-bn").layer()).epsilon());
  }

  @Test
  void hiddenFullyConnectedLayersGetOneDimensionalBatchNormAndAvgPoolingIsAnOption() {
    Network net = build(new XnorNetConfig("c4p-fc8-fc6-fc3", "avg"), 1, 8, 3);
    List<String> order = net.nodes().stream().map(n -> n.name() + ":" + n.layer().type()).toList();
    assertEquals(
        List.of(
            "conv1:conv2d",
            "conv1-bn:batchnorm",
            "conv1-relu:relu",
            "conv1-pool:avgpool2d",
            "fc1-bn:batchnorm",
            "fc1-sign:sign",
            "flatten:flatten",
            "fc1:dense",
            "fc1-relu:relu",
            "fc2-bn:batchnorm",
            "fc2-sign:sign",
            "fc2:dense",
            "fc2-relu:relu",
            "fc3:dense"),
        order);
    assertArrayEquals(new long[] {8}, NetworkForward.shapes(net).get("fc2-sign"));
  }

  @Test
  void signOutputsAreExactlyPlusOrMinusOne() {
    // a fresh batch norm (mean 0, variance 1) passes the non-negative ReLU outputs unchanged, so
    // every sign would be +1; a shift as training leaves it gives both signs
    Network net =
        build(new XnorNetConfig("c4p-c4-fc3", "max"), 1, 8, 3)
            .mapNodes(
                node -> {
                  if (node.layer() instanceof Layer.BatchNorm bn
                      && node.name().endsWith("-bn")
                      && !node.name().equals("conv1-bn")) {
                    return node.withLayer(
                        new Layer.BatchNorm(
                            bn.gamma(),
                            bn.beta().sub(0.5),
                            bn.mean(),
                            bn.variance(),
                            bn.epsilon()));
                  }
                  return node;
                });
    INDArray x = WeightInit.normal(new long[] {4, 1, 8, 8}, 1.0, new SplittableRandom(1));
    List<Double> values = new java.util.ArrayList<>();
    NetworkForward.run(
        net,
        x,
        (node, out) -> {
          if (node.layer() instanceof Layer.Sign) {
            for (double v : out.dup().data().asDouble()) {
              values.add(v);
            }
          }
        });
    assertEquals(4 * 4 * 4 * 4, values.size());
    assertTrue(values.stream().allMatch(v -> v == 1.0 || v == -1.0), values.toString());
    assertTrue(values.contains(1.0) && values.contains(-1.0));
  }

  @Test
  void sameSeedSameWeights() {
    XnorNetConfig config = new XnorNetConfig("c4p-c6p-fc8-fc3", "max");
    assertEquals(build(config, 1, 8, 3), build(config, 1, 8, 3));
  }

  @Test
  void unfitShapesAndBadConfigsAreClearErrors() {
    UserFacingException classes =
        assertThrows(
            UserFacingException.class, () -> build(new XnorNetProvider().defaults(), 1, 28, 100));
    assertTrue(
        classes.getMessage().contains("10 outputs") && classes.getMessage().contains("100 classes"),
        classes.getMessage());
    UserFacingException small =
        assertThrows(
            UserFacingException.class,
            () -> build(new XnorNetConfig("c4p-c4p-c4p-fc3", "max"), 1, 4, 3));
    assertTrue(
        small.getMessage().contains("too small") && small.getMessage().contains("1x4x4"),
        small.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new XnorNetConfig("fc10", "max"));
    assertThrows(IllegalArgumentException.class, () -> new XnorNetConfig("c8-fc10", "median"));
  }
}
