package org.bsnn.plugins.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Vgg15abArchitectureTest {

  @TempDir Path dir;

  private Network cifar100() {
    return new Vgg15abArchitecture(new Vgg15abProvider().defaults())
        .build(
            ArchitectureFixtures.info("cifar100", 3, 32, 32, 100),
            new TestRunContext(0, "model", "vgg15ab", dir));
  }

  /**
   * The paper: 17.2 M parameters for CIFAR-100, 16.8 M of them binarized (all but the first conv
   * and the last fc). Counted from the IR's weight tensors; the paper's figures are given to 0.1 M.
   */
  @Test
  void cifar100ParameterCountsMatchThePaper() {
    Network net = cifar100();
    List<Node> weighted = net.weightedNodes();
    assertEquals(15, weighted.size());
    assertEquals(13, weighted.stream().filter(n -> n.layer() instanceof Layer.Conv2d).count());
    long total = weighted.stream().mapToLong(Vgg15abArchitectureTest::parameters).sum();
    long binarized =
        weighted.subList(1, weighted.size() - 1).stream()
            .mapToLong(Vgg15abArchitectureTest::parameters)
            .sum();
    assertEquals("17.2", String.format(Locale.ROOT, "%.1f", total / 1e6));
    assertEquals("16.8", String.format(Locale.ROOT, "%.1f", binarized / 1e6));
    assertTrue(binarized > 0.97 * total, "about 97 % of the weights are binarized");
  }

  private static long parameters(Node node) {
    long n = 1;
    long[] shape =
        node.layer() instanceof Layer.Conv2d c
            ? c.weights().shape()
            : ((Layer.Dense) node.layer()).weights().shape();
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  @Test
  void cifarHeadHasTheDocumentedStructure() {
    Network net = cifar100();
    assertArrayEquals(new long[] {512}, NetworkForward.shapes(net).get("flatten"));
    assertArrayEquals(
        new long[] {4096, 512}, ((Layer.Dense) net.node("fc1").layer()).weights().shape());
    assertArrayEquals(
        new long[] {100, 4096}, ((Layer.Dense) net.node("fc2").layer()).weights().shape());
    // average pooling before ReLU after conv 2, 4, 7, 10, 13; dropout elsewhere
    for (int conv : new int[] {2, 4, 7, 10, 13}) {
      assertTrue(net.node("conv" + conv + "-pool").layer() instanceof Layer.AvgPool2d);
      assertEquals(List.of("conv" + conv + "-pool"), net.node("conv" + conv + "-relu").inputs());
    }
    assertEquals(0.1, ((Layer.Dropout) net.node("conv1-drop").layer()).rate());
    assertEquals(List.of("flatten"), net.node("flatten-drop").inputs());
    assertEquals(List.of("fc1-relu"), net.node("fc1-drop").inputs());
    assertTrue(
        net.weightedNodes().stream()
            .allMatch(
                n ->
                    n.layer() instanceof Layer.Conv2d c
                        ? c.bias() == null
                        : ((Layer.Dense) n.layer()).bias() == null),
        "no biases");
  }

  @Test
  void imagenetHeadFlattens25088Features() {
    // Shapes only (the ImageNet network holds 124 M weights): a 1-class-free check of the head.
    VggSpec spec = VggSpec.parse(Vgg15abArchitecture.BODY + "-fc1000");
    long size = 224;
    long channels = 3;
    for (VggSpec.Entry e : spec.layers()) {
      if (e.conv()) {
        channels = e.width();
        size = e.pool() ? size / 2 : size;
      }
    }
    assertEquals(25088, channels * size * size);
  }

  @Test
  void inputShapeMismatchNamesBothShapes() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                new Vgg15abArchitecture(new Vgg15abProvider().defaults())
                    .build(
                        ArchitectureFixtures.info("fashion-mnist", 1, 28, 28, 10),
                        new TestRunContext(0, "model", "vgg15ab", dir)));
    assertTrue(
        e.getMessage().contains("32x32") && e.getMessage().contains("1x28x28"), e.getMessage());
  }

  @Test
  void classMismatchNamesBothCounts() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                new Vgg15abArchitecture(new Vgg15abConfig("cifar", 100, 0.1, "avg", true))
                    .build(
                        ArchitectureFixtures.info("cifar10", 3, 32, 32, 10),
                        new TestRunContext(0, "model", "vgg15ab", dir)));
    assertTrue(
        e.getMessage().contains("100 classes") && e.getMessage().contains("has 10"),
        e.getMessage());
  }
}
