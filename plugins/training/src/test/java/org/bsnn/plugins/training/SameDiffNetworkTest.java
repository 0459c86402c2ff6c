package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.plugins.models.VggBuilder;
import org.bsnn.plugins.models.VggSpec;
import org.bsnn.plugins.models.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class SameDiffNetworkTest {

  /** Every layer type the translator supports, with biases, both poolings and a residual add. */
  static Network allLayers() {
    SplittableRandom r = new SplittableRandom(7);
    List<Node> nodes =
        List.of(
            Node.of(
                "conv1",
                new Layer.Conv2d(
                    3,
                    1,
                    1,
                    fp(WeightInit.normal(new long[] {4, 2, 3, 3}, 0.4, r)),
                    WeightInit.normal(new long[] {4}, 0.1, r)),
                Network.INPUT),
            Node.of("pool1", new Layer.AvgPool2d(2, 2), "conv1"),
            Node.of("relu1", new Layer.Relu(), "pool1"),
            Node.of("drop1", new Layer.Dropout(0.25), "relu1"),
            Node.of(
                "conv2",
                new Layer.Conv2d(
                    3, 1, 1, fp(WeightInit.normal(new long[] {4, 4, 3, 3}, 0.3, r)), null),
                "drop1"),
            new Node("add", new Layer.Add(), List.of("conv2", "drop1")),
            Node.of(
                "conv3",
                new Layer.Conv2d(
                    2, 2, 0, fp(WeightInit.normal(new long[] {5, 4, 2, 2}, 0.3, r)), null),
                "add"),
            Node.of("relu3", new Layer.Relu(), "conv3"),
            Node.of("pool3", new Layer.MaxPool2d(2, 1), "relu3"),
            Node.of("flatten", new Layer.Flatten(), "pool3"),
            Node.of(
                "fc1",
                new Layer.Dense(
                    fp(WeightInit.normal(new long[] {6, 5}, 0.5, r)),
                    WeightInit.normal(new long[] {6}, 0.1, r)),
                "flatten"),
            Node.of("fc1-relu", new Layer.Relu(), "fc1"),
            Node.of(
                "fc2",
                new Layer.Dense(fp(WeightInit.normal(new long[] {3, 6}, 0.5, r)), null),
                "fc1-relu"));
    return new Network("all-layers", new long[] {2, 8, 8}, nodes, "fc2");
  }

  static Weights fp(INDArray w) {
    return new Weights.FullPrecision(w);
  }

  static INDArray input(long seed, long n, long[] shape) {
    return WeightInit.normal(
        new long[] {n, shape[0], shape[1], shape[2]}, 1.0, new SplittableRandom(seed));
  }

  @Test
  void forwardEqualsTheIrForward() {
    Network net = allLayers();
    assertArrayEquals(new long[] {5, 1, 1}, NetworkForward.shapes(net).get("pool3"));
    SameDiffNetwork dl = SameDiffNetwork.of(net);
    INDArray x = input(3, 5, net.inputShape());
    INDArray expected = NetworkForward.run(net, x);
    INDArray actual = dl.logits(x);
    assertArrayEquals(expected.shape(), actual.shape());
    assertTrue(expected.equalsWithEps(actual, 1e-4), "IR " + expected + "\nSameDiff " + actual);
  }

  @Test
  void vggSmallForwardEqualsTheIrForward() {
    Network net =
        VggBuilder.build(
            "v",
            new long[] {1, 12, 12},
            VggSpec.parse("c4-c6p-c8p-fc16-fc3"),
            new VggBuilder.Options(false, true, 0.1, false),
            new SplittableRandom(1));
    SameDiffNetwork dl = SameDiffNetwork.of(net);
    INDArray x = input(4, 3, net.inputShape());
    assertTrue(NetworkForward.run(net, x).equalsWithEps(dl.logits(x), 1e-4));
  }

  @Test
  void exportReturnsTheLoadedWeightsInIrLayout() {
    Network net = allLayers();
    Network exported = SameDiffNetwork.of(net).export(Optional.empty());
    assertEquals(net, exported);
  }

  @Test
  void exportAfterChangingGraphWeightsMatchesGraphForward() {
    Network net = allLayers();
    SameDiffNetwork dl = SameDiffNetwork.of(net);
    dl.params().values().forEach(p -> p.muli(1.3).addi(0.01));
    Network exported = dl.export(Optional.empty());
    INDArray x = input(5, 4, net.inputShape());
    assertTrue(NetworkForward.run(exported, x).equalsWithEps(dl.logits(x), 1e-4));
  }

  @Test
  void lossIsMeanCrossEntropyAndGradientsMatchFiniteDifferences() {
    Network net =
        VggBuilder.build(
            "v",
            new long[] {1, 6, 6},
            VggSpec.parse("c3p-fc4-fc3"),
            new VggBuilder.Options(false, true, 0.0, true),
            new SplittableRandom(3));
    SameDiffNetwork sd = SameDiffNetwork.of(net);
    INDArray x = input(6, 4, net.inputShape());
    int[] labels = {0, 1, 2, 1};
    INDArray y = GradientTrainer.oneHot(labels, 3);
    SameDiffNetwork.Step step = sd.step(x, y);
    double expected = 0;
    float[][] logits = NetworkForward.run(net, x).toFloatMatrix();
    for (int i = 0; i < 4; i++) {
      double max = Math.max(logits[i][0], Math.max(logits[i][1], logits[i][2]));
      double sum = 0;
      for (float l : logits[i]) {
        sum += Math.exp(l - max);
      }
      expected += -(logits[i][labels[i]] - max - Math.log(sum)) / 4;
    }
    assertEquals(expected, step.loss(), 1e-5);
    for (String name : sd.params().keySet()) {
      assertArrayEquals(sd.params().get(name).shape(), step.gradients().get(name).shape(), name);
    }
    assertArrayEquals(
        new long[] {3, 3, 1, 3},
        sd.weights("conv1").shape(),
        "conv weights held as [kh, kw, in, out]");
    assertArrayEquals(new long[] {3, 1, 3, 3}, sd.irView("conv1", sd.weights("conv1")).shape());
    // finite differences on one conv weight (through the IR view) and one dense weight
    checkGradient(sd, x, y, "conv1", new long[] {2, 0, 1, 1}, step);
    checkGradient(sd, x, y, "fc1", new long[] {3, 5}, step);
    assertEquals(
        List.of("conv1/weight", "conv1/bias", "fc1/weight", "fc1/bias", "fc2/weight", "fc2/bias"),
        List.copyOf(sd.params().keySet()));
  }

  private static void checkGradient(
      SameDiffNetwork sd,
      INDArray x,
      INDArray y,
      String node,
      long[] irIndex,
      SameDiffNetwork.Step step) {
    INDArray w = sd.irView(node, sd.weights(node));
    double analytic =
        sd.irView(node, step.gradients().get(SameDiffNetwork.weightName(node))).getDouble(irIndex);
    double h = 1e-2;
    double original = w.getDouble(irIndex);
    w.putScalar(irIndex, original + h);
    double plus = sd.step(x, y).loss();
    w.putScalar(irIndex, original - h);
    double minus = sd.step(x, y).loss();
    w.putScalar(irIndex, original);
    assertEquals((plus - minus) / (2 * h), analytic, 2e-3, node);
  }

  @Test
  void binaryExportUsesTheBinarizerOnSelectedLayers() {
    Network net = allLayers();
    Network exported = SameDiffNetwork.of(net).export(Optional.of(new TestXnorBinarizer()));
    assertInstanceOf(
        Weights.FullPrecision.class, ((Layer.Conv2d) exported.node("conv1").layer()).weights());
    assertInstanceOf(
        Weights.Binary.class, ((Layer.Conv2d) exported.node("conv2").layer()).weights());
    assertInstanceOf(Weights.Binary.class, ((Layer.Dense) exported.node("fc1").layer()).weights());
    assertInstanceOf(
        Weights.FullPrecision.class, ((Layer.Dense) exported.node("fc2").layer()).weights());
  }

  /**
   * x -> fc1 -> sign -> fc2: the forward pass uses the exact signs, and fc1's gradient is the
   * straight-through one, computed here by hand: dL/dh = (dL/ds) 1[|h| <= 1], dL/dW1 = (dL/dh)^T x.
   */
  @Test
  void signForwardIsExactAndItsGradientIsTheClippedStraightThroughEstimate() {
    SplittableRandom r = new SplittableRandom(11);
    INDArray w1 = WeightInit.normal(new long[] {6, 4}, 0.8, r);
    INDArray w2 = WeightInit.normal(new long[] {3, 6}, 0.5, r);
    Network net =
        new Network(
            "sign",
            new long[] {1, 2, 2},
            List.of(
                Node.of("flatten", new Layer.Flatten(), Network.INPUT),
                Node.of("fc1", new Layer.Dense(fp(w1.dup()), null), "flatten"),
                Node.of("sign", new Layer.Sign(), "fc1"),
                Node.of("fc2", new Layer.Dense(fp(w2.dup()), null), "sign")),
            "fc2");
    SameDiffNetwork sd = SameDiffNetwork.of(net);
    INDArray x = input(12, 5, net.inputShape()).reshape(5, 4);
    int[] labels = {0, 1, 2, 2, 1};
    INDArray y = GradientTrainer.oneHot(labels, 3);
    SameDiffNetwork.Step step = sd.step(x.reshape(5, 1, 2, 2), y);

    INDArray h = x.mmul(w1.transpose());
    INDArray s = h.gte(0.0).castTo(DataType.FLOAT).muli(2).subi(1);
    INDArray z = s.mmul(w2.transpose());
    assertTrue(z.equalsWithEps(step.logits(), 1e-5), "forward uses sign(h)");
    INDArray p = org.nd4j.linalg.ops.transforms.Transforms.softmax(z, true);
    INDArray dz = p.sub(y).divi(5);
    INDArray ds = dz.mmul(w2);
    INDArray inside =
        org.nd4j.linalg.ops.transforms.Transforms.abs(h, true).lte(1.0).castTo(DataType.FLOAT);
    INDArray dh = ds.mul(inside);
    INDArray expected = dh.transpose().mmul(x);
    assertTrue(
        inside.sumNumber().doubleValue() > 0 && inside.sumNumber().doubleValue() < inside.length(),
        "some pre-activations on each side of the clip");
    assertTrue(
        expected.equalsWithEps(step.gradients().get("fc1/weight"), 1e-5),
        "expected " + expected + "\ngot " + step.gradients().get("fc1/weight"));
    assertTrue(dz.transpose().mmul(s).equalsWithEps(step.gradients().get("fc2/weight"), 1e-5));
  }
}
