package org.bsnn.plugins.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class ResNetSmallArchitectureTest {

  @TempDir Path dir;

  private Network build(ResNetSmallConfig config, int c, int size, int classes) {
    return new ResNetSmallArchitecture(config)
        .build(
            ArchitectureFixtures.info("data", c, size, size, classes),
            new TestRunContext(0, "model", "resnet-small", dir));
  }

  @Test
  void defaultNetworkOnCifarShapedInput() {
    Network net = build(new ResNetSmallProvider().defaults(), 3, 32, 100);
    Map<String, long[]> shapes = NetworkForward.shapes(net);
    assertArrayEquals(new long[] {16, 32, 32}, shapes.get("stem-relu"));
    assertArrayEquals(new long[] {16, 32, 32}, shapes.get("s1b1-relu"));
    assertArrayEquals(new long[] {32, 16, 16}, shapes.get("s2b1-relu"));
    assertArrayEquals(new long[] {64, 8, 8}, shapes.get("s3b1-relu"));
    assertArrayEquals(new long[] {64, 1, 1}, shapes.get("pool"));
    assertArrayEquals(new long[] {100}, shapes.get("fc"));
    assertEquals("fc", net.output());
  }

  @Test
  void twentyEightPixelInputEndsAtSevenBySeven() {
    Network net = build(new ResNetSmallProvider().defaults(), 1, 28, 10);
    Map<String, long[]> shapes = NetworkForward.shapes(net);
    assertArrayEquals(new long[] {32, 14, 14}, shapes.get("s2b1-relu"));
    assertArrayEquals(new long[] {64, 7, 7}, shapes.get("s3b1-relu"));
    assertEquals(7, ((Layer.AvgPool2d) net.node("pool").layer()).kernel());
  }

  @Test
  void blocksHaveIdentityOrProjectionShortcutsAndTheParameterCountFollows() {
    Network net = build(new ResNetSmallConfig(List.of(8, 16), List.of(2, 1)), 1, 12, 4);
    List<String> order = net.nodes().stream().map(n -> n.name() + ":" + n.layer().type()).toList();
    assertEquals(
        List.of(
            "stem:conv2d",
            "stem-bn:batchnorm",
            "stem-relu:relu",
            "s1b1-conv1:conv2d",
            "s1b1-bn1:batchnorm",
            "s1b1-relu1:relu",
            "s1b1-conv2:conv2d",
            "s1b1-bn2:batchnorm",
            "s1b1-add:add",
            "s1b1-relu:relu",
            "s1b2-conv1:conv2d",
            "s1b2-bn1:batchnorm",
            "s1b2-relu1:relu",
            "s1b2-conv2:conv2d",
            "s1b2-bn2:batchnorm",
            "s1b2-add:add",
            "s1b2-relu:relu",
            "s2b1-conv1:conv2d",
            "s2b1-bn1:batchnorm",
            "s2b1-relu1:relu",
            "s2b1-conv2:conv2d",
            "s2b1-bn2:batchnorm",
            "s2b1-proj:conv2d",
            "s2b1-proj-bn:batchnorm",
            "s2b1-add:add",
            "s2b1-relu:relu",
            "pool:avgpool2d",
            "flatten:flatten",
            "fc:dense"),
        order);
    assertEquals(
        List.of("s1b1-bn2", "stem-relu"), net.node("s1b1-add").inputs(), "identity shortcut");
    assertEquals(
        List.of("s2b1-bn2", "s2b1-proj-bn"), net.node("s2b1-add").inputs(), "projection shortcut");
    Layer.Conv2d proj = (Layer.Conv2d) net.node("s2b1-proj").layer();
    assertEquals(1, proj.kernel());
    assertEquals(2, proj.stride());
    assertEquals(2, ((Layer.Conv2d) net.node("s2b1-conv1").layer()).stride());
    assertEquals(1, ((Layer.Conv2d) net.node("s2b1-conv2").layer()).stride());
    assertNull(((Layer.Conv2d) net.node("stem").layer()).bias(), "convs have no bias: BN shifts");

    // weights by hand: stem 8x1x3x3; stage 1: two blocks of two 8x8x3x3; stage 2: 16x8x3x3,
    // 16x16x3x3,
    // projection 16x8x1x1; classifier 4x16 + 4 bias; gamma and beta per BN channel
    long convs = 8 * 9 + 4 * (8 * 8 * 9) + 16 * 8 * 9 + 16 * 16 * 9 + 16 * 8;
    long classifier = 4 * 16 + 4;
    long batchNorm = 2 * (8 + 4 * 8 + 3 * 16);
    assertEquals(convs + classifier + batchNorm, parameters(net));
  }

  private static long parameters(Network net) {
    long total = 0;
    for (Node node : net.nodes()) {
      Layer layer = node.layer();
      if (layer instanceof Layer.Conv2d conv) {
        total += count(conv.weights()) + (conv.bias() == null ? 0 : conv.bias().length());
      } else if (layer instanceof Layer.Dense dense) {
        total += count(dense.weights()) + (dense.bias() == null ? 0 : dense.bias().length());
      } else if (layer instanceof Layer.BatchNorm bn) {
        total += bn.gamma().length() + bn.beta().length();
      }
    }
    return total;
  }

  private static long count(Weights w) {
    long n = 1;
    for (long d : w.shape()) {
      n *= d;
    }
    return n;
  }

  @Test
  void sameSeedSameWeights() {
    ResNetSmallConfig config = new ResNetSmallConfig(List.of(4, 8), List.of(1, 1));
    assertEquals(build(config, 1, 12, 3), build(config, 1, 12, 3));
  }

  @Test
  void unfitShapesAreClearErrors() {
    UserFacingException square =
        assertThrows(
            UserFacingException.class,
            () ->
                new ResNetSmallArchitecture(new ResNetSmallProvider().defaults())
                    .build(
                        ArchitectureFixtures.info("wide", 1, 28, 32, 10),
                        new TestRunContext(0, "model", "resnet-small", dir)));
    assertTrue(
        square.getMessage().contains("square") && square.getMessage().contains("1x28x32"),
        square.getMessage());
    UserFacingException small =
        assertThrows(
            UserFacingException.class,
            () -> build(new ResNetSmallConfig(List.of(4, 4, 4, 4), List.of(1, 1, 1, 1)), 1, 2, 3));
    assertTrue(small.getMessage().contains("1x1 before stage 3"), small.getMessage());
  }

  @Test
  void configRejectsMismatchedLists() {
    assertThrows(
        IllegalArgumentException.class, () -> new ResNetSmallConfig(List.of(8, 16), List.of(1)));
    assertThrows(IllegalArgumentException.class, () -> new ResNetSmallConfig(List.of(), List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> new ResNetSmallConfig(List.of(8, 0), List.of(1, 1)));
    assertThrows(
        IllegalArgumentException.class, () -> new ResNetSmallConfig(List.of(8), List.of(0)));
  }
}
