package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bsnn.api.data.Batch;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.plugins.models.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BatchNormalizationTest {

  /**
   * conv - BN - ReLU - pool - flatten - dense - BN (1-d) - ReLU - dense: both kinds of batch norm.
   */
  static Network withBatchNorm(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Node> nodes =
        List.of(
            Node.of(
                "conv1",
                new Layer.Conv2d(3, 1, 1, fp(WeightInit.kaimingNormalFanOut(4, 1, 3, r)), null),
                Network.INPUT),
            Node.of("bn1", batchNorm(4), "conv1"),
            Node.of("relu1", new Layer.Relu(), "bn1"),
            Node.of("pool1", new Layer.AvgPool2d(2, 2), "relu1"),
            Node.of("flatten", new Layer.Flatten(), "pool1"),
            Node.of(
                "fc1",
                new Layer.Dense(fp(WeightInit.normal(new long[] {8, 64}, 0.1, r)), null),
                "flatten"),
            Node.of("bn2", batchNorm(8), "fc1"),
            Node.of("relu2", new Layer.Relu(), "bn2"),
            Node.of(
                "fc2",
                new Layer.Dense(fp(WeightInit.normal(new long[] {3, 8}, 0.1, r)), null),
                "relu2"));
    return new Network("bn-net", new long[] {1, 8, 8}, nodes, "fc2");
  }

  /** A fresh batch norm as PyTorch initialises it: gamma 1, beta 0, mean 0, variance 1. */
  static Layer.BatchNorm batchNorm(int channels) {
    return new Layer.BatchNorm(
        Nd4j.ones(DataType.FLOAT, channels),
        Nd4j.zeros(DataType.FLOAT, channels),
        Nd4j.zeros(DataType.FLOAT, channels),
        Nd4j.ones(DataType.FLOAT, channels),
        1e-5);
  }

  private static Weights fp(INDArray w) {
    return new Weights.FullPrecision(w);
  }

  private static GradientOptimizer adam() {
    return GradientOptimizer.of(
        new AdamConfig(
                1,
                16,
                0.01,
                0.9,
                0.999,
                1e-8,
                0,
                0,
                "constant",
                List.of(),
                1,
                0.5,
                "xnor-net",
                true,
                0)
            .plan());
  }

  @Test
  void trainsAndTheExportedIrMatchesTheGraphAtInference() {
    Network net = withBatchNorm(1);
    SameDiffNetwork dl = SameDiffNetwork.of(net);
    GradientOptimizer optimizer = adam();
    TestDataset data = new TestDataset(192, 1, 8, 8, 3, 5);
    double[] epochLoss = new double[3];
    for (int epoch = 0; epoch < epochLoss.length; epoch++) {
      Iterator<Batch> batches = data.train().trainingBatches(16, new SplittableRandom(epoch));
      int count = 0;
      while (batches.hasNext()) {
        try (Batch batch = batches.next();
            INDArray labels = GradientTrainer.oneHot(batch.labels(), 3)) {
          SameDiffNetwork.Step step = dl.step(batch.features(), labels);
          optimizer.step(dl.params(), step.gradients(), 0.01, 0);
          epochLoss[epoch] += step.loss();
          count++;
        }
      }
      epochLoss[epoch] /= count;
    }
    assertTrue(
        epochLoss[2] < epochLoss[0], "loss per epoch " + java.util.Arrays.toString(epochLoss));

    Network exported = dl.export(Optional.empty());
    Layer.BatchNorm bn1 = (Layer.BatchNorm) exported.node("bn1").layer();
    Layer.BatchNorm bn2 = (Layer.BatchNorm) exported.node("bn2").layer();
    assertFalse(bn1.mean().equals(Nd4j.zeros(DataType.FLOAT, 4)), "running mean moved");
    assertFalse(bn2.variance().equals(Nd4j.ones(DataType.FLOAT, 8)), "running variance moved");
    assertFalse(bn1.gamma().equals(Nd4j.ones(DataType.FLOAT, 4)), "gamma was trained");

    INDArray x = data.test().batches(40).next().features();
    INDArray graph = dl.logits(x);
    INDArray ir = NetworkForward.run(exported, x);
    assertTrue(ir.equalsWithEps(graph, 1e-4), "IR " + ir + "\nSameDiff " + graph);
    // and inference really uses the running statistics: training mode on the same images differs
    INDArray trainingMode =
        dl.step(x, GradientTrainer.oneHot(new int[(int) x.size(0)], 3)).logits();
    assertFalse(
        trainingMode.equalsWithEps(graph, 1e-3),
        "training and inference mode give the same logits");
  }

  @Test
  void runningStatisticsFollowPyTorchsUpdateRule() {
    Network net = withBatchNorm(2);
    SameDiffNetwork dl = SameDiffNetwork.of(net);
    INDArray x = SameDiffNetworkTest.input(3, 6, net.inputShape());
    dl.step(x, GradientTrainer.oneHot(new int[] {0, 1, 2, 0, 1, 2}, 3));
    Layer.BatchNorm bn1 = (Layer.BatchNorm) dl.export(Optional.empty()).node("bn1").layer();

    // batch statistics of conv1's output per channel, computed here in double precision
    INDArray activations = LayerOps.apply(net.node("conv1").layer(), x);
    long m = 6 * 8 * 8;
    for (int c = 0; c < 4; c++) {
      double[] v =
          activations.get(NDArrayIndex.all(), NDArrayIndex.point(c)).dup().data().asDouble();
      double mean = java.util.Arrays.stream(v).average().orElseThrow();
      double squares = java.util.Arrays.stream(v).map(a -> (a - mean) * (a - mean)).sum();
      assertEquals(0.9 * 0 + 0.1 * mean, bn1.mean().getDouble(c), 1e-5, "mean " + c);
      assertEquals(
          0.9 * 1 + 0.1 * squares / (m - 1), bn1.variance().getDouble(c), 1e-4, "variance " + c);
    }
  }

  @Test
  void gradientsGoThroughTheBatchStatistics() {
    Network net = withBatchNorm(4);
    SameDiffNetwork dl = SameDiffNetwork.of(net);
    INDArray x = SameDiffNetworkTest.input(7, 5, net.inputShape());
    INDArray y = GradientTrainer.oneHot(new int[] {0, 1, 2, 1, 0}, 3);
    SameDiffNetwork.Step step = dl.step(x, y);
    assertEquals(
        List.of(
            "conv1/weight",
            "bn1/gamma",
            "bn1/beta",
            "fc1/weight",
            "bn2/gamma",
            "bn2/beta",
            "fc2/weight"),
        List.copyOf(dl.params().keySet()));
    // conv1 and fc1 feed batch norms: their finite differences include the change of the batch
    // statistics, so these checks fail if the gradient treated mean and variance as constants.
    checkFiniteDifference(dl, x, y, step, "conv1/weight", new long[] {1, 1, 0, 2});
    checkFiniteDifference(dl, x, y, step, "bn1/gamma", new long[] {2});
    checkFiniteDifference(dl, x, y, step, "bn2/beta", new long[] {5});
    checkFiniteDifference(dl, x, y, step, "fc1/weight", new long[] {3, 10});
  }

  private static void checkFiniteDifference(
      SameDiffNetwork dl,
      INDArray x,
      INDArray y,
      SameDiffNetwork.Step step,
      String param,
      long[] index) {
    INDArray p = dl.params().get(param);
    double analytic = step.gradients().get(param).getDouble(index);
    double h = 1e-2;
    double original = p.getDouble(index);
    p.putScalar(index, original + h);
    double plus = dl.step(x, y).loss();
    p.putScalar(index, original - h);
    double minus = dl.step(x, y).loss();
    p.putScalar(index, original);
    assertEquals((plus - minus) / (2 * h), analytic, 2e-3 + 0.02 * Math.abs(analytic), param);
  }

  @Test
  void loadingAnExportRestoresParametersAndRunningStatistics() {
    Network net = withBatchNorm(5);
    SameDiffNetwork trained = SameDiffNetwork.of(net);
    INDArray x = SameDiffNetworkTest.input(8, 6, net.inputShape());
    INDArray y = GradientTrainer.oneHot(new int[] {0, 1, 2, 0, 1, 2}, 3);
    SameDiffNetwork.Step step = trained.step(x, y);
    adam().step(trained.params(), step.gradients(), 0.05, 0);
    Network exported = trained.export(Optional.empty());
    assertFalse(exported.equals(net));

    SameDiffNetwork fresh = SameDiffNetwork.of(net);
    fresh.load(exported);
    assertEquals(exported, fresh.export(Optional.empty()));
    assertArrayEquals(trained.logits(x).toFloatMatrix(), fresh.logits(x).toFloatMatrix());
  }

  @Test
  void sameSeedTrainsTheSameNetwork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    TestDataset data = new TestDataset(64, 1, 8, 8, 3, 5);
    Network a =
        GradientTrainerTest.adam(1, 0.01, 16)
            .train(
                Optional.of(withBatchNorm(6)),
                data,
                Optional.empty(),
                new TestContext(1, dir.resolve("a")));
    Network b =
        GradientTrainerTest.adam(1, 0.01, 16)
            .train(
                Optional.of(withBatchNorm(6)),
                data,
                Optional.empty(),
                new TestContext(1, dir.resolve("b")));
    assertEquals(a, b, "bit-identical, running statistics included");
    assertFalse(a.equals(withBatchNorm(6)), "training changed the network");
  }
}
