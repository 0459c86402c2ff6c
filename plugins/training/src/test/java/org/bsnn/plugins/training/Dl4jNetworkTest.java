package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.UnsupportedLayerException;
import org.bsnn.api.network.Weights;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Dl4jNetworkTest {

  /** Every layer type the translator supports, with biases, both poolings and a residual add. */
  static Network allLayers() {
    SplittableRandom r = new SplittableRandom(7);
    List<Node> nodes = List.of(
        Node.of("conv1", new Layer.Conv2d(3, 1, 1, fp(WeightInit.normal(new long[] {4, 2, 3, 3}, 0.4, r)),
            WeightInit.normal(new long[] {4}, 0.1, r)), Network.INPUT),
        Node.of("pool1", new Layer.AvgPool2d(2, 2), "conv1"),
        Node.of("relu1", new Layer.Relu(), "pool1"),
        Node.of("drop1", new Layer.Dropout(0.25), "relu1"),
        Node.of("conv2", new Layer.Conv2d(3, 1, 1, fp(WeightInit.normal(new long[] {4, 4, 3, 3}, 0.3, r)), null),
            "drop1"),
        new Node("add", new Layer.Add(), List.of("conv2", "drop1")),
        Node.of("conv3", new Layer.Conv2d(2, 2, 0, fp(WeightInit.normal(new long[] {5, 4, 2, 2}, 0.3, r)), null),
            "add"),
        Node.of("relu3", new Layer.Relu(), "conv3"),
        Node.of("pool3", new Layer.MaxPool2d(2, 1), "relu3"),
        Node.of("flatten", new Layer.Flatten(), "pool3"),
        Node.of("fc1", new Layer.Dense(fp(WeightInit.normal(new long[] {6, 5}, 0.5, r)),
            WeightInit.normal(new long[] {6}, 0.1, r)), "flatten"),
        Node.of("fc1-relu", new Layer.Relu(), "fc1"),
        Node.of("fc2", new Layer.Dense(fp(WeightInit.normal(new long[] {3, 6}, 0.5, r)), null), "fc1-relu"));
    return new Network("all-layers", new long[] {2, 8, 8}, nodes, "fc2");
  }

  static Weights fp(INDArray w) {
    return new Weights.FullPrecision(w);
  }

  static INDArray input(long seed, long n, long[] shape) {
    return WeightInit.normal(new long[] {n, shape[0], shape[1], shape[2]}, 1.0, new SplittableRandom(seed));
  }

  @Test
  void forwardEqualsTheIrForward() {
    Network net = allLayers();
    assertArrayEquals(new long[] {5, 1, 1}, NetworkForward.shapes(net).get("pool3"));
    Dl4jNetwork dl = Dl4jNetwork.of(net, 1);
    INDArray x = input(3, 5, net.inputShape());
    INDArray expected = NetworkForward.run(net, x);
    INDArray actual = dl.logits(x);
    assertArrayEquals(expected.shape(), actual.shape());
    assertTrue(expected.equalsWithEps(actual, 1e-4), "IR " + expected + "\nDL4J " + actual);
  }

  @Test
  void vggSmallForwardEqualsTheIrForward() {
    Network net = VggBuilder.build("v", new long[] {1, 12, 12}, VggSpec.parse("c4-c6p-c8p-fc16-fc3"),
        new VggBuilder.Options(false, true, 0.1, false), new SplittableRandom(1));
    Dl4jNetwork dl = Dl4jNetwork.of(net, 1);
    INDArray x = input(4, 3, net.inputShape());
    assertTrue(NetworkForward.run(net, x).equalsWithEps(dl.logits(x), 1e-4));
  }

  @Test
  void exportReturnsTheLoadedWeightsInIrLayout() {
    Network net = allLayers();
    Network exported = Dl4jNetwork.of(net, 1).export(Optional.empty());
    assertEquals(net, exported);
  }

  @Test
  void exportAfterChangingDl4jWeightsMatchesDl4jForward() {
    Network net = allLayers();
    Dl4jNetwork dl = Dl4jNetwork.of(net, 1);
    dl.params().muli(1.3).addi(0.01);
    Network exported = dl.export(Optional.empty());
    INDArray x = input(5, 4, net.inputShape());
    assertTrue(NetworkForward.run(exported, x).equalsWithEps(dl.logits(x), 1e-4));
  }

  @Test
  void gradientViewsAlignWithWeights() {
    Network net = allLayers();
    Dl4jNetwork dl = Dl4jNetwork.of(net, 1);
    INDArray x = input(6, 4, net.inputShape());
    INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 3);
    for (int i = 0; i < 4; i++) {
      labels.putScalar(i, i % 3, 1);
    }
    dl.graph().setInputs(x);
    dl.graph().setLabels(labels);
    dl.graph().computeGradientAndScore();
    assertTrue(Double.isFinite(dl.graph().score()));
    assertArrayEquals(dl.weightView("fc1").shape(), dl.weightGradientView("fc1").shape());
    assertArrayEquals(new long[] {5, 6}, dl.weightView("fc1").shape(), "DL4J dense weights are [in, out]");
    assertArrayEquals(new long[] {4, 2, 3, 3}, dl.weightView("conv1").shape());
    assertEquals(dl.params().length(), dl.gradients().length());
    // the per-layer gradient view is a view into the flat gradients
    dl.gradients().assign(0);
    assertEquals(0.0, dl.weightGradientView("conv2").sumNumber().doubleValue());
    assertSame(dl.gradients(), dl.graph().getFlattenedGradients());
  }

  @Test
  void batchNormIsRejectedWithTheNodeName() {
    INDArray ones = Nd4j.ones(DataType.FLOAT, 2);
    Network net = new Network("bn", new long[] {2, 2, 2}, List.of(
        Node.of("bn", new Layer.BatchNorm(ones, ones, ones, ones, 1e-5), Network.INPUT),
        Node.of("flatten", new Layer.Flatten(), "bn"),
        Node.of("fc", new Layer.Dense(fp(Nd4j.ones(DataType.FLOAT, 2, 8)), null), "flatten")), "fc");
    UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> Dl4jNetwork.of(net, 1));
    assertTrue(e.getMessage().contains("bn"), e.getMessage());
  }

  @Test
  void binaryExportUsesTheBinarizerOnSelectedLayers() {
    Network net = allLayers();
    Network exported = Dl4jNetwork.of(net, 1).export(Optional.of(new TestXnorBinarizer()));
    assertInstanceOf(Weights.FullPrecision.class, ((Layer.Conv2d) exported.node("conv1").layer()).weights());
    assertInstanceOf(Weights.Binary.class, ((Layer.Conv2d) exported.node("conv2").layer()).weights());
    assertInstanceOf(Weights.Binary.class, ((Layer.Dense) exported.node("fc1").layer()).weights());
    assertInstanceOf(Weights.FullPrecision.class, ((Layer.Dense) exported.node("fc2").layer()).weights());
  }
}
