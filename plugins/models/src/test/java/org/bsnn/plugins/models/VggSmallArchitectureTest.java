package org.bsnn.plugins.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VggSmallArchitectureTest {

  @TempDir Path dir;

  private Network build(VggSmallConfig config, int classes) {
    return new VggSmallArchitecture(config)
        .build(
            ArchitectureFixtures.info("fmnist", 1, 28, 28, classes),
            new TestRunContext(0, "model", "vgg-small", dir));
  }

  @Test
  void defaultNetworkFollowsThePaperRules() {
    Network net = build(new VggSmallProvider().defaults(), 10);
    List<String> order = net.nodes().stream().map(n -> n.name() + ":" + n.layer().type()).toList();
    assertEquals(
        List.of(
            "conv1:conv2d",
            "conv1-relu:relu",
            "conv1-drop:dropout",
            "conv2:conv2d",
            "conv2-pool:avgpool2d",
            "conv2-relu:relu",
            "conv3:conv2d",
            "conv3-relu:relu",
            "conv3-drop:dropout",
            "conv4:conv2d",
            "conv4-pool:avgpool2d",
            "conv4-relu:relu",
            "flatten:flatten",
            "flatten-drop:dropout",
            "fc1:dense",
            "fc1-relu:relu",
            "fc1-drop:dropout",
            "fc2:dense"),
        order);
    assertEquals("fc2", net.output());
    Map<String, long[]> shapes = NetworkForward.shapes(net);
    assertArrayEquals(new long[] {64, 7, 7}, shapes.get("conv4-relu"));
    assertArrayEquals(new long[] {10}, shapes.get("fc2"));
    Layer.Conv2d conv = (Layer.Conv2d) net.node("conv1").layer();
    assertNull(conv.bias());
    assertEquals(0.1, ((Layer.Dropout) net.node("conv1-drop").layer()).rate());
  }

  @Test
  void initIsKaimingFanOutForConvAndSmallNormalForLinear() {
    Network net = build(new VggSmallConfig("c64-c64-fc512-fc10", "avg", true, 0.0, false), 10);
    double convStd = std(net.node("conv2"));
    assertEquals(Math.sqrt(2.0 / (64 * 9)), convStd, 0.003);
    assertEquals(0.01, std(net.node("fc1")), 0.0005);
  }

  private static double std(Node node) {
    Layer layer = node.layer();
    Weights w = layer instanceof Layer.Conv2d c ? c.weights() : ((Layer.Dense) layer).weights();
    return ((Weights.FullPrecision) w).values().stdNumber().doubleValue();
  }

  @Test
  void sameSeedSameWeights() {
    VggSmallConfig config = new VggSmallProvider().defaults();
    assertEquals(build(config, 10), build(config, 10));
  }

  @Test
  void maxPoolingAfterReluVariant() {
    Network net = build(new VggSmallConfig("c8p-fc10", "max", false, 0.0, true), 10);
    List<String> order = net.nodes().stream().map(Node::name).toList();
    assertEquals(List.of("conv1", "conv1-relu", "conv1-pool", "flatten", "fc1"), order);
    assertInstanceOf(Layer.MaxPool2d.class, net.node("conv1-pool").layer());
    assertTrue(((Layer.Conv2d) net.node("conv1").layer()).bias() != null);
  }

  @Test
  void classCountMismatchNamesBoth() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class, () -> build(new VggSmallProvider().defaults(), 100));
    assertTrue(
        e.getMessage().contains("10 outputs") && e.getMessage().contains("100 classes"),
        e.getMessage());
  }

  @Test
  void tooManyPoolingsForTheInputIsAClearError() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                build(
                    new VggSmallConfig("c8p-c8p-c8p-c8p-c8p-c8p-fc10", "avg", true, 0, false), 10));
    assertTrue(
        e.getMessage().contains("1x28x28") && e.getMessage().contains("too small"), e.getMessage());
  }

  @Test
  void configRejectsBadValues() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new VggSmallConfig("c8-fc10", "median", true, 0, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> new VggSmallConfig("c8-fc10", "avg", true, 1.0, false));
    assertThrows(
        IllegalArgumentException.class, () -> new VggSmallConfig("c8", "avg", true, 0, false));
  }
}
