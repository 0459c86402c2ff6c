package org.bsnn.plugins.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.UnsupportedLayerException;
import org.bsnn.api.network.Weights;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SpikeBasedNormalizerTest {

  private static SpikeBasedConfig config(
      int samples, int timesteps, double percentile, Encoding encoding) {
    return new SpikeBasedConfig(samples, timesteps, percentile, 4, ResetMode.SUBTRACT, encoding);
  }

  private static LayerScales calibrate(
      Network net, InMemoryDataSplit data, SpikeBasedConfig config) {
    return new SpikeBasedNormalizer(config).calibrate(net, data, new TestRunContext(3));
  }

  /**
   * x = 1 -> fc1 [[1], [0.5]] -> relu1 -> fc2 [[1, 1]] -> relu2 -> out. The ANN's relu2 activation
   * is 1.5; the spiking relu1 (lambda 1) fires neuron a every step and neuron b every other step,
   * so relu2's current per step alternates 1, 2, 1, 2, ...
   */
  private static Network chain() {
    return new Network(
        "chain",
        new long[] {1, 1, 1},
        List.of(
            Node.of("flatten", new Layer.Flatten(), Network.INPUT),
            Node.of("fc1", TestTensors.dense(new double[][] {{1}, {0.5}}, null), "flatten"),
            Node.of("relu1", new Layer.Relu(), "fc1"),
            Node.of("fc2", TestTensors.dense(new double[][] {{1, 1}}, null), "relu1"),
            Node.of("relu2", new Layer.Relu(), "fc2"),
            Node.of("out", TestTensors.dense(new double[][] {{1}, {-1}}, null), "relu2")),
        "out");
  }

  private static InMemoryDataSplit one(float value) {
    return InMemoryDataSplit.flat(new float[][] {{value}}, new int[1]);
  }

  @Test
  void lambdaIsTheLargestPerStepInputCurrentNotTheMeanActivation() {
    LayerScales spike = calibrate(chain(), one(1f), config(1, 10, 100, Encoding.DIRECT));
    assertEquals(
        1.0,
        spike.of("relu1").getDouble(0),
        1e-6,
        "direct input: the first layer's current is the ANN pre-activation");
    assertEquals(
        2.0, spike.of("relu2").getDouble(0), 1e-6, "two synchronous spikes worth lambda 1 each");
    LayerScales max =
        new MaxActivationNormalizer(new MaxActivationConfig(1, 1))
            .calibrate(chain(), one(1f), new TestRunContext(0));
    assertEquals(
        1.5,
        max.of("relu2").getDouble(0),
        1e-6,
        "the ANN's maximum activation is the mean current");
  }

  @Test
  void aPercentileIsTakenOverImagesTimestepsAndNeurons() {
    // relu2's currents over 10 steps: 1, 2, 1, 2, ... -> the median of {1 x5, 2 x5} is 1.5 (NumPy)
    LayerScales median = calibrate(chain(), one(1f), config(1, 10, 50, Encoding.DIRECT));
    assertEquals(1.5, median.of("relu2").getDouble(0), 1e-6);
    LayerScales p10 = calibrate(chain(), one(1f), config(1, 10, 10, Encoding.DIRECT));
    assertEquals(1.0, p10.of("relu2").getDouble(0), 1e-6);
  }

  private static Layer.Conv2d conv(long seed, int out, int in) {
    return new Layer.Conv2d(
        3,
        1,
        1,
        new Weights.FullPrecision(
            TestTensors.randn(seed, Math.sqrt(2.0 / (9 * in)), out, in, 3, 3)),
        TestTensors.randn(seed + 1, 0.05, out));
  }

  /**
   * conv - bn - relu - maxpool - conv - relu - conv - add(shortcut) - relu - maxpool(before relu) -
   * flatten - fc.
   */
  private static Network cnn() {
    List<Node> nodes = new ArrayList<>();
    nodes.add(Node.of("conv1", conv(1, 4, 1), Network.INPUT));
    nodes.add(
        Node.of(
            "bn1",
            new Layer.BatchNorm(
                TestTensors.uniform(3, 0.5, 1.5, 4),
                TestTensors.randn(4, 0.1, 4),
                TestTensors.randn(5, 0.1, 4),
                TestTensors.uniform(6, 0.5, 1.5, 4),
                1e-5),
            "conv1"));
    nodes.add(Node.of("relu1", new Layer.Relu(), "bn1"));
    nodes.add(Node.of("pool1", new Layer.MaxPool2d(2, 2), "relu1"));
    nodes.add(Node.of("conv2", conv(7, 4, 4), "pool1"));
    nodes.add(Node.of("relu2", new Layer.Relu(), "conv2"));
    nodes.add(Node.of("conv3", conv(9, 4, 4), "relu2"));
    nodes.add(new Node("add", new Layer.Add(), List.of("conv3", "pool1")));
    nodes.add(Node.of("pool2", new Layer.MaxPool2d(2, 2), "add"));
    nodes.add(Node.of("relu3", new Layer.Relu(), "pool2"));
    nodes.add(Node.of("flatten", new Layer.Flatten(), "relu3"));
    nodes.add(
        Node.of(
            "fc",
            new Layer.Dense(new Weights.FullPrecision(TestTensors.randn(11, 0.3, 5, 16)), null),
            "flatten"));
    return new Network("cnn", new long[] {1, 8, 8}, nodes, "fc");
  }

  private static InMemoryDataSplit images(int n, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][64];
    for (float[] row : x) {
      for (int i = 0; i < row.length; i++) {
        row[i] = r.nextFloat();
      }
    }
    return InMemoryDataSplit.of(x, new int[n], 1, 8, 8);
  }

  @Test
  void aCnnWithBatchNormMaxPoolingAndAResidualAdditionGetsFinitePositiveLambdas() {
    InMemoryDataSplit data = images(10, 1);
    TestRunContext context = new TestRunContext(0);
    LayerScales spike =
        new SpikeBasedNormalizer(config(10, 20, 100, Encoding.DIRECT))
            .calibrate(cnn(), data, context);
    LayerScales max =
        new MaxActivationNormalizer(new MaxActivationConfig(10, 4))
            .calibrate(cnn(), data, new TestRunContext(0));
    assertEquals(List.of("relu1", "relu2", "relu3"), List.copyOf(spike.byNode().keySet()));
    for (INDArray lambda : spike.byNode().values()) {
      double v = lambda.getDouble(0);
      assertTrue(v > 0 && Double.isFinite(v), "lambda " + v);
    }
    assertEquals(
        max.of("relu1").getDouble(0),
        spike.of("relu1").getDouble(0),
        1e-5,
        "first layer, direct input: the maximum activation");
    assertTrue(context.recordedProvenance().containsKey("lambda"));
    assertEquals(20, context.recordedProvenance().get("calibrationTimesteps"));
  }

  @Test
  void poissonCalibrationIsSeededAndFinite() {
    InMemoryDataSplit data = images(6, 2);
    SpikeBasedConfig poisson = config(6, 15, 100, Encoding.POISSON);
    LayerScales a = calibrate(cnn(), data, poisson);
    LayerScales b = calibrate(cnn(), data, poisson);
    for (String relu : a.byNode().keySet()) {
      double v = a.of(relu).getDouble(0);
      assertTrue(v > 0 && Double.isFinite(v), relu + ": " + v);
      assertEquals(v, b.of(relu).getDouble(0), 0.0, relu);
    }
  }

  @Test
  void aLayerWithoutPositiveCurrentNamesItAndSuggestsALargerCalibrationSet() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> calibrate(chain(), one(-1f), config(1, 5, 100, Encoding.DIRECT)));
    assertTrue(
        e.getMessage().contains("'relu1'") && e.getMessage().contains("larger calibration set"),
        e.getMessage());
  }

  @Test
  void binaryActivationsAreRejectedNamingTheNode() {
    Network signs =
        new Network(
            "signs",
            new long[] {1, 1, 1},
            List.of(
                Node.of("flatten", new Layer.Flatten(), Network.INPUT),
                Node.of("fc1", TestTensors.dense(new double[][] {{1}, {0.5}}, null), "flatten"),
                Node.of("sign1", new Layer.Sign(), "fc1"),
                Node.of("out", TestTensors.dense(new double[][] {{1, 1}}, null), "sign1")),
            "out");
    UnsupportedLayerException e =
        assertThrows(
            UnsupportedLayerException.class,
            () -> calibrate(signs, one(1f), config(1, 5, 100, Encoding.DIRECT)));
    assertTrue(e.getMessage().contains("'sign1'"), e.getMessage());
  }

  @Test
  void onlyTheConfiguredImagesAreReadOncePerLayer() {
    InMemoryDataSplit data = images(20, 3);
    calibrate(cnn(), data, config(5, 3, 100, Encoding.DIRECT));
    assertEquals(
        3 * 5, data.imagesServed(), "three ReLU layers, each simulated on the first 5 images");
  }
}
