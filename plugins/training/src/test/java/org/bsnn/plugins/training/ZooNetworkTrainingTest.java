package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Weights;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.stage.Architecture;
import org.bsnn.plugins.models.ResNetSmallArchitecture;
import org.bsnn.plugins.models.ResNetSmallConfig;
import org.bsnn.plugins.models.XnorNetArchitecture;
import org.bsnn.plugins.models.XnorNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The trainer on the zoo's graphs with batch norm, residual adds and sign activations: the SameDiff
 * graph computes what the IR computes, every parameter is trainable, and binary training keeps the
 * first and last layer full precision.
 */
class ZooNetworkTrainingTest {

  @TempDir Path dir;

  private Network build(Architecture architecture, int c, int size, int classes) {
    return architecture.build(
        new TestDataset(1, c, size, size, classes, 0).info(), new TestContext(0, dir));
  }

  @Test
  void resNetGraphMatchesTheIrAndEveryParameterIsTrainable() {
    Network net =
        build(
            new ResNetSmallArchitecture(new ResNetSmallConfig(List.of(8, 16), List.of(2, 1))),
            1,
            12,
            4);
    INDArray x = SameDiffNetworkTest.input(2, 3, net.inputShape());
    SameDiffNetwork graph = SameDiffNetwork.of(net);
    assertTrue(NetworkForward.run(net, x).equalsWithEps(graph.logits(x), 1e-4));
    // stem 8x1x3x3; stage 1: two blocks of two 8x8x3x3; stage 2: 16x8x3x3, 16x16x3x3, projection
    // 16x8x1x1; classifier 4x16 + 4 bias; gamma and beta per BN channel
    long expected =
        8 * 9
            + 4 * (8 * 8 * 9)
            + 16 * 8 * 9
            + 16 * 16 * 9
            + 16 * 8
            + (4 * 16 + 4)
            + 2 * (8 + 4 * 8 + 3 * 16);
    assertEquals(
        expected,
        graph.params().values().stream().mapToLong(INDArray::length).sum(),
        "every weight, bias, gamma and beta is trainable");
  }

  @Test
  void resNetTrainsBinaryWithFullPrecisionStemAndClassifier() {
    Network net =
        build(
            new ResNetSmallArchitecture(new ResNetSmallConfig(List.of(4, 8), List.of(1, 1))),
            1,
            8,
            3);
    TestContext ctx = new TestContext(1, dir.resolve("train"));
    Network trained =
        GradientTrainerTest.adam(1, 0.01, 16)
            .train(
                Optional.of(net),
                new TestDataset(64, 1, 8, 8, 3, 5),
                Optional.of(new TestXnorBinarizer()),
                ctx);
    assertTrue(Double.isFinite(value(ctx, "train-loss[epoch 1]")));
    assertInstanceOf(
        Weights.FullPrecision.class, ((Layer.Conv2d) trained.node("stem").layer()).weights());
    assertInstanceOf(
        Weights.FullPrecision.class, ((Layer.Dense) trained.node("fc").layer()).weights());
    for (String binary :
        List.of("s1b1-conv1", "s1b1-conv2", "s2b1-conv1", "s2b1-conv2", "s2b1-proj")) {
      assertInstanceOf(
          Weights.Binary.class, ((Layer.Conv2d) trained.node(binary).layer()).weights(), binary);
    }
    assertNotEquals(
        ((Layer.BatchNorm) net.node("stem-bn").layer()).mean(),
        ((Layer.BatchNorm) trained.node("stem-bn").layer()).mean(),
        "running statistics were updated");
  }

  @Test
  void xnorNetGraphMatchesTheIr() {
    Network net =
        build(new XnorNetArchitecture(new XnorNetConfig("c4p-c6p-fc8-fc3", "max")), 1, 8, 3);
    INDArray x = SameDiffNetworkTest.input(2, 5, net.inputShape());
    assertTrue(NetworkForward.run(net, x).equalsWithEps(SameDiffNetwork.of(net).logits(x), 1e-4));
  }

  @Test
  void xnorNetTrainsWithFullPrecisionFirstAndLastLayer() {
    Network net =
        build(new XnorNetArchitecture(new XnorNetConfig("c8p-c8p-fc16-fc3", "max")), 1, 8, 3);
    TestContext ctx = new TestContext(1, dir.resolve("train"));
    Network trained =
        GradientTrainerTest.adam(2, 0.01, 16)
            .train(
                Optional.of(net),
                new TestDataset(192, 1, 8, 8, 3, 5),
                Optional.of(new TestXnorBinarizer()),
                ctx);
    assertTrue(
        value(ctx, "train-loss[epoch 2]") < value(ctx, "train-loss[epoch 1]"),
        ctx.emitted.toString());
    assertTrue(
        value(ctx, "train-accuracy[epoch 2]") > 0.5, "learns above chance (1/3): " + ctx.emitted);
    assertEquals(List.of("conv2", "fc1"), ctx.provenance.get("binarizedLayers"));
    assertInstanceOf(
        Weights.FullPrecision.class, ((Layer.Conv2d) trained.node("conv1").layer()).weights());
    assertInstanceOf(
        Weights.Binary.class, ((Layer.Conv2d) trained.node("conv2").layer()).weights());
    assertInstanceOf(Weights.Binary.class, ((Layer.Dense) trained.node("fc1").layer()).weights());
    assertInstanceOf(
        Weights.FullPrecision.class, ((Layer.Dense) trained.node("fc2").layer()).weights());
  }

  private static double value(TestContext ctx, String metric) {
    return ctx.emitted.stream()
        .filter(m -> m.metric().equals(metric))
        .mapToDouble(m -> ((Measurement.Scalar) m).value())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + " in " + ctx.emitted));
  }
}
