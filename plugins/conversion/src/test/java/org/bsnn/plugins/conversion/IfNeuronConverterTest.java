package org.bsnn.plugins.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.UnsupportedLayerException;
import org.bsnn.api.network.Weights;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SpikingDynamics;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class IfNeuronConverterTest {

  private static final IfNeuronConfig DEFAULTS = new IfNeuronProvider().defaults();
  // powers of two, so scaled weights are exact in float32
  private static final double L1 = 2.0;
  private static final double L2 = 0.25;

  private static final INDArray W1 = TestTensors.randn(1, 0.5, 5, 4);
  private static final INDArray B1 = TestTensors.randn(2, 0.1, 5);
  private static final INDArray W2 = TestTensors.randn(3, 0.5, 3, 5);
  private static final INDArray B2 = TestTensors.randn(4, 0.1, 3);
  private static final INDArray W3 = TestTensors.randn(5, 0.5, 2, 3);
  private static final INDArray B3 = TestTensors.randn(6, 0.1, 2);

  /** flatten, fc1, relu1, dropout, fc2, relu2, fc3 (output). */
  private static Network mlp(Weights w2) {
    return new Network(
        "mlp",
        new long[] {1, 1, 4},
        List.of(
            Node.of("flatten", new Layer.Flatten(), Network.INPUT),
            Node.of("fc1", new Layer.Dense(new Weights.FullPrecision(W1), B1), "flatten"),
            Node.of("relu1", new Layer.Relu(), "fc1"),
            Node.of("drop1", new Layer.Dropout(0.25), "relu1"),
            Node.of("fc2", new Layer.Dense(w2, B2), "drop1"),
            Node.of("relu2", new Layer.Relu(), "fc2"),
            Node.of("fc3", new Layer.Dense(new Weights.FullPrecision(W3), B3), "relu2")),
        "fc3");
  }

  private static Network mlp() {
    return mlp(new Weights.FullPrecision(W2));
  }

  private static LayerScales scales() {
    return new LayerScales(Map.of("relu1", scalar(L1), "relu2", scalar(L2)));
  }

  private static INDArray scalar(double v) {
    return TestTensors.vector(v);
  }

  private static SpikingNetwork convert(IfNeuronConfig config, Network net, LayerScales scales) {
    return new IfNeuronConverter(config).convert(net, scales, new TestRunContext(0));
  }

  private static IfNeuronConfig layerThreshold() {
    return new IfNeuronConfig(
        ResetMode.SUBTRACT,
        IfNeuronConfig.ThresholdMode.LAYER_THRESHOLD,
        Encoding.DIRECT,
        Propagation.PIPELINED,
        Readout.POTENTIAL);
  }

  private static Layer.Dense onlyDense(Projection p) {
    List<Layer> dense = p.ops().stream().filter(l -> l instanceof Layer.Dense).toList();
    assertEquals(1, dense.size(), "one dense op in " + p.ops());
    return (Layer.Dense) dense.get(0);
  }

  private static INDArray weights(Layer.Dense d) {
    return d.weights().dense();
  }

  @Test
  void reluBecomesIfLayerAndOutputBecomesIntegrator() {
    SpikingNetwork snn = convert(DEFAULTS, mlp(), scales());
    assertEquals(
        List.of("relu1", "relu2", "fc3"), snn.nodes().stream().map(SpikingNode::name).toList());
    assertEquals(
        Map.of("relu1", List.of("fc1"), "relu2", List.of("fc2"), "fc3", List.of("fc3")),
        snn.notes().get("weightedLayers"));
    assertInstanceOf(Neuron.IntegrateAndFire.class, snn.nodes().get(0).neuron());
    assertInstanceOf(Neuron.IntegrateAndFire.class, snn.nodes().get(1).neuron());
    assertInstanceOf(Neuron.Integrator.class, snn.output().neuron());
    assertEquals(2, snn.spikingLayerCount());
    assertEquals(SpikingNetwork.INPUT, snn.nodes().get(0).inputs().get(0).source());
    assertEquals("relu1", snn.nodes().get(1).inputs().get(0).source());
    assertEquals("relu2", snn.output().inputs().get(0).source());
    assertArrayEquals(new long[] {1, 1, 4}, snn.inputShape());
  }

  @Test
  void weightScalingDividesByLambdaAndMultipliesByThePreviousLambda() {
    SpikingNetwork snn = convert(DEFAULTS, mlp(), scales());
    for (SpikingNode node : snn.nodes().subList(0, 2)) {
      Neuron.IntegrateAndFire n = (Neuron.IntegrateAndFire) node.neuron();
      assertEquals(1.0, n.threshold().getDouble(0), 0.0, node.name());
      assertEquals(ResetMode.SUBTRACT, n.reset());
    }
    Layer.Dense fc1 = onlyDense(snn.nodes().get(0).inputs().get(0));
    assertEquals(W1.div(L1), weights(fc1));
    assertEquals(B1.div(L1), fc1.bias());
    Layer.Dense fc2 = onlyDense(snn.nodes().get(1).inputs().get(0));
    assertEquals(W2.mul(L1 / L2), weights(fc2));
    assertEquals(B2.div(L2), fc2.bias());
    Layer.Dense fc3 = onlyDense(snn.output().inputs().get(0));
    assertEquals(W3.mul(L2), weights(fc3), "output weights scaled by lambda_prev only");
    assertEquals(B3, fc3.bias(), "output bias not scaled");
  }

  private static IfNeuronConfig spikeCount(IfNeuronConfig.ThresholdMode mode) {
    return new IfNeuronConfig(
        ResetMode.SUBTRACT, mode, Encoding.DIRECT, Propagation.PIPELINED, Readout.SPIKE_COUNT);
  }

  @Test
  void spikeCountReadoutMakesTheOutputSpikeWithItsOwnLambda() {
    double lOut = 8.0;
    LayerScales withOutput =
        new LayerScales(Map.of("relu1", scalar(L1), "relu2", scalar(L2), "fc3", scalar(lOut)));
    SpikingNetwork scaled =
        convert(spikeCount(IfNeuronConfig.ThresholdMode.WEIGHT_SCALING), mlp(), withOutput);
    assertEquals(Readout.SPIKE_COUNT, scaled.readout());
    Neuron.IntegrateAndFire out =
        assertInstanceOf(Neuron.IntegrateAndFire.class, scaled.output().neuron());
    assertEquals(1.0, out.threshold().getDouble(0), 0.0);
    Layer.Dense fc3 = onlyDense(scaled.output().inputs().get(0));
    assertEquals(
        W3.mul(L2 / lOut), weights(fc3), "output weights scaled by lambda_prev / lambda_out");
    assertEquals(B3.div(lOut), fc3.bias());
    SpikingNetwork thresholded =
        convert(spikeCount(IfNeuronConfig.ThresholdMode.LAYER_THRESHOLD), mlp(), withOutput);
    assertEquals(
        lOut,
        ((Neuron.IntegrateAndFire) thresholded.output().neuron()).threshold().getDouble(0),
        0.0);
    assertEquals(W3.mul(L2), weights(onlyDense(thresholded.output().inputs().get(0))));
  }

  @Test
  void spikeCountReadoutWithoutAnOutputLambdaSaysWhatIsMissing() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                convert(spikeCount(IfNeuronConfig.ThresholdMode.WEIGHT_SCALING), mlp(), scales()));
    assertTrue(
        e.getMessage().contains("output layer 'fc3'")
            && e.getMessage().contains("readout: potential"),
        e.getMessage());
  }

  @Test
  void layerThresholdModeKeepsWeightsInActivationUnitsWithThresholdLambda() {
    SpikingNetwork snn = convert(layerThreshold(), mlp(), scales());
    assertEquals(
        L1, ((Neuron.IntegrateAndFire) snn.nodes().get(0).neuron()).threshold().getDouble(0), 0.0);
    assertEquals(
        L2, ((Neuron.IntegrateAndFire) snn.nodes().get(1).neuron()).threshold().getDouble(0), 0.0);
    Layer.Dense fc1 = onlyDense(snn.nodes().get(0).inputs().get(0));
    assertEquals(W1, weights(fc1));
    assertEquals(B1, fc1.bias());
    Layer.Dense fc2 = onlyDense(snn.nodes().get(1).inputs().get(0));
    assertEquals(W2.mul(L1), weights(fc2));
    assertEquals(B2, fc2.bias());
    Layer.Dense fc3 = onlyDense(snn.output().inputs().get(0));
    assertEquals(W3.mul(L2), weights(fc3));
    assertEquals(B3, fc3.bias());
  }

  /**
   * The invariant behind threshold balancing: a spike of layer l stands for lambda_l, so feeding a
   * projection the previous layer's activation divided by its lambda must give this layer's
   * pre-activation divided by its threshold, for both threshold modes.
   */
  @Test
  void projectionsMapNormalizedActivationsToNormalizedPreActivations() {
    INDArray x = TestTensors.uniform(9, 0, 1, 7, 1, 1, 4);
    INDArray z1 =
        LayerOps.apply(new Layer.Dense(new Weights.FullPrecision(W1), B1), x.reshape(7, 4));
    INDArray a1 = Transforms.relu(z1, true);
    INDArray z2 = LayerOps.apply(new Layer.Dense(new Weights.FullPrecision(W2), B2), a1);
    INDArray a2 = Transforms.relu(z2, true);
    INDArray z3 = LayerOps.apply(new Layer.Dense(new Weights.FullPrecision(W3), B3), a2);
    for (IfNeuronConfig config : List.of(DEFAULTS, layerThreshold())) {
      SpikingNetwork snn = convert(config, mlp(), scales());
      double t1 = ((Neuron.IntegrateAndFire) snn.nodes().get(0).neuron()).threshold().getDouble(0);
      double t2 = ((Neuron.IntegrateAndFire) snn.nodes().get(1).neuron()).threshold().getDouble(0);
      assertClose(z1.div(L1), chain(snn.nodes().get(0).inputs().get(0), x).div(t1));
      assertClose(z2.div(L2), chain(snn.nodes().get(1).inputs().get(0), a1.div(L1)).div(t2));
      assertClose(z3, chain(snn.output().inputs().get(0), a2.div(L2)));
    }
  }

  private static INDArray chain(Projection p, INDArray in) {
    INDArray x = in;
    for (Layer op : p.ops()) {
      x = LayerOps.apply(op, x);
    }
    return x;
  }

  private static void assertClose(INDArray expected, INDArray actual) {
    assertArrayEquals(expected.shape(), actual.shape());
    double[] e = TestTensors.values(expected);
    double[] a = TestTensors.values(actual);
    assertArrayEquals(e, a, 1e-5);
  }

  @Test
  void binaryWeightsStayBinaryWithScaledAlpha() {
    INDArray signs = Transforms.sign(TestTensors.randn(8, 1, 3, 5), true);
    signs.addi(signs.eq(0).castTo(signs.dataType())); // no zeros
    INDArray alpha = TestTensors.vector(0.5, 0.25, 1.0);
    SpikingNetwork snn = convert(DEFAULTS, mlp(new Weights.Binary(signs, alpha)), scales());
    Weights w = onlyDense(snn.nodes().get(1).inputs().get(0)).weights();
    Weights.Binary b = assertInstanceOf(Weights.Binary.class, w);
    assertEquals(signs, b.signs());
    assertEquals(alpha.mul(L1 / L2), b.alpha());
    b.validateValues();
    // full-precision layers stay full precision
    assertInstanceOf(
        Weights.FullPrecision.class, onlyDense(snn.nodes().get(0).inputs().get(0)).weights());
  }

  @Test
  void dropoutIsRemoved() {
    SpikingNetwork snn = convert(DEFAULTS, mlp(), scales());
    for (SpikingNode node : snn.nodes()) {
      for (Projection p : node.inputs()) {
        assertTrue(
            p.ops().stream().noneMatch(l -> l instanceof Layer.Dropout),
            node.name() + ": " + p.ops());
      }
    }
    assertEquals(
        List.of(Layer.Dense.class),
        snn.nodes().get(1).inputs().get(0).ops().stream().map(Object::getClass).toList());
  }

  @Test
  void convAndAveragePoolBeforeTheReluFormOneProjection() {
    INDArray w = TestTensors.randn(12, 0.5, 2, 1, 3, 3);
    Network net =
        new Network(
            "conv",
            new long[] {1, 4, 4},
            List.of(
                Node.of(
                    "conv1",
                    new Layer.Conv2d(3, 1, 1, new Weights.FullPrecision(w), null),
                    Network.INPUT),
                Node.of("pool1", new Layer.AvgPool2d(2, 2), "conv1"),
                Node.of("relu1", new Layer.Relu(), "pool1"),
                Node.of("flatten", new Layer.Flatten(), "relu1"),
                Node.of(
                    "fc",
                    TestTensors.dense(new double[][] {{1, 0, 0, 0, 0, 0, 0, 1}}, null),
                    "flatten")),
            "fc");
    SpikingNetwork snn = convert(DEFAULTS, net, new LayerScales(Map.of("relu1", scalar(4.0))));
    Projection p = snn.nodes().get(0).inputs().get(0);
    assertEquals(
        List.of(Layer.Conv2d.class, Layer.AvgPool2d.class),
        p.ops().stream().map(Object::getClass).toList());
    assertEquals(w.div(4.0), ((Layer.Conv2d) p.ops().get(0)).weights().dense());
    assertNull(((Layer.Conv2d) p.ops().get(0)).bias());
    assertEquals(
        List.of(Layer.Flatten.class, Layer.Dense.class),
        snn.output().inputs().get(0).ops().stream().map(Object::getClass).toList());
  }

  @Test
  void unitScalesLeaveWeightsUnchanged() {
    SpikingNetwork snn = convert(DEFAULTS, mlp(), LayerScales.unit());
    assertEquals(W2, weights(onlyDense(snn.nodes().get(1).inputs().get(0))));
    assertEquals(B2, onlyDense(snn.nodes().get(1).inputs().get(0)).bias());
    assertEquals(W3, weights(onlyDense(snn.output().inputs().get(0))));
  }

  @Test
  void configChoicesAreCarriedIntoTheSpikingNetwork() {
    IfNeuronConfig config =
        new IfNeuronConfig(
            ResetMode.ZERO,
            IfNeuronConfig.ThresholdMode.WEIGHT_SCALING,
            Encoding.POISSON,
            Propagation.SAME_STEP,
            Readout.POTENTIAL);
    TestRunContext context = new TestRunContext(0);
    SpikingNetwork snn = new IfNeuronConverter(config).convert(mlp(), scales(), context);
    assertEquals(Encoding.POISSON, snn.encoding());
    assertEquals(Propagation.SAME_STEP, snn.propagation());
    assertEquals(Readout.POTENTIAL, snn.readout());
    assertEquals(ResetMode.ZERO, ((Neuron.IntegrateAndFire) snn.nodes().get(0).neuron()).reset());
    assertEquals("ZERO", snn.notes().get("reset"));
    assertEquals(Map.of("relu1", L1, "relu2", L2), context.recordedProvenance().get("lambda"));
  }

  @Test
  void theInputNetworkIsNotModified() {
    Network net = mlp();
    INDArray before = W2.dup();
    convert(DEFAULTS, net, scales());
    assertEquals(
        before,
        ((Weights.FullPrecision) ((Layer.Dense) net.node("fc2").layer()).weights()).values());
  }

  private static List<Node> prefix() {
    List<Node> nodes = new ArrayList<>();
    nodes.add(
        Node.of(
            "conv1",
            new Layer.Conv2d(
                1, 1, 0, new Weights.FullPrecision(TestTensors.randn(3, 1, 2, 1, 1, 1)), null),
            Network.INPUT));
    nodes.add(Node.of("relu1", new Layer.Relu(), "conv1"));
    return nodes;
  }

  private static Network withTail(Node special, String last) {
    List<Node> nodes = prefix();
    nodes.add(special);
    nodes.add(Node.of("flatten", new Layer.Flatten(), last));
    nodes.add(
        Node.of(
            "fc",
            new Layer.Dense(new Weights.FullPrecision(Nd4j.ones(2, 2 * 4 * 4)), null),
            "flatten"));
    return new Network("unsupported", new long[] {1, 4, 4}, nodes, "fc");
  }

  private static void assertUnsupported(Network net, String node) {
    UnsupportedLayerException e =
        assertThrows(
            UnsupportedLayerException.class, () -> convert(DEFAULTS, net, LayerScales.unit()));
    assertTrue(e.getMessage().contains("'" + node + "'"), e.getMessage());
  }

  @Test
  void batchNormIsUnsupportedNamingTheNode() {
    INDArray ones = Nd4j.ones(2);
    assertUnsupported(
        withTail(Node.of("bn7", new Layer.BatchNorm(ones, ones, ones, ones, 1e-5), "relu1"), "bn7"),
        "bn7");
  }

  @Test
  void binaryActivationsAreUnsupportedNamingTheNode() {
    // the xnor-net baseline's sign has no spiking equivalent, wherever it sits
    UnsupportedLayerException e =
        assertThrows(
            UnsupportedLayerException.class,
            () ->
                convert(
                    DEFAULTS,
                    withTail(Node.of("sign4", new Layer.Sign(), "relu1"), "sign4"),
                    LayerScales.unit()));
    assertTrue(
        e.getMessage().contains("'sign4' (sign)") && e.getMessage().contains("ANN-only"),
        e.getMessage());
  }

  @Test
  void maxPoolingOfCurrentsIsUnsupportedNamingTheNode() {
    // conv1 -> maxpool3 -> flatten -> fc: no ReLU around the pool, so it would take the max of
    // currents
    List<Node> nodes = new ArrayList<>();
    nodes.add(prefix().get(0));
    nodes.add(Node.of("maxpool3", new Layer.MaxPool2d(2, 2), "conv1"));
    nodes.add(Node.of("flatten", new Layer.Flatten(), "maxpool3"));
    nodes.add(
        Node.of(
            "fc",
            new Layer.Dense(new Weights.FullPrecision(Nd4j.ones(2, 2 * 2 * 2)), null),
            "flatten"));
    assertUnsupported(new Network("maxpool", new long[] {1, 4, 4}, nodes, "fc"), "maxpool3");
  }

  @Test
  void aLinearLayerRightAfterAnAdditionIsUnsupportedNamingIt() {
    assertUnsupported(
        withTail(new Node("residual5", new Layer.Add(), List.of("conv1", "relu1")), "residual5"),
        "flatten");
  }

  @Test
  void lambdasOfTheWrongLengthAreRejectedNamingTheNode() {
    LayerScales wrong = new LayerScales(Map.of("relu1", TestTensors.vector(1, 2, 3)));
    UnsupportedLayerException e =
        assertThrows(UnsupportedLayerException.class, () -> convert(DEFAULTS, mlp(), wrong));
    assertTrue(
        e.getMessage().contains("'relu1'") && e.getMessage().contains("3 lambdas"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, Double.NaN, Double.POSITIVE_INFINITY})
  void aZeroOrNonFiniteLambdaNamesTheLayerAndSuggestsALargerCalibrationSet(double bad) {
    LayerScales scales = new LayerScales(Map.of("relu1", scalar(L1), "relu2", scalar(bad)));
    UserFacingException e =
        assertThrows(UserFacingException.class, () -> convert(DEFAULTS, mlp(), scales));
    assertTrue(
        e.getMessage().contains("layer 'relu2'")
            && e.getMessage().contains("larger calibration set"),
        e.getMessage());
    LayerScales channel = new LayerScales(Map.of("relu1", TestTensors.vector(1, 2, bad, 4, 5)));
    e = assertThrows(UserFacingException.class, () -> convert(DEFAULTS, mlp(), channel));
    assertTrue(
        e.getMessage().contains("layer 'relu1'") && e.getMessage().contains("channel 2"),
        e.getMessage());
  }

  @Test
  void channelWiseLambdasOfABinarySourceLayerWouldUnbinarizeTheNextWeights() {
    INDArray signs = Transforms.sign(TestTensors.randn(8, 1, 3, 5), true);
    signs.addi(signs.eq(0).castTo(signs.dataType()));
    LayerScales channel = new LayerScales(Map.of("relu1", TestTensors.vector(1, 2, 3, 4, 5)));
    UnsupportedLayerException e =
        assertThrows(
            UnsupportedLayerException.class,
            () ->
                convert(
                    DEFAULTS,
                    mlp(new Weights.Binary(signs, TestTensors.vector(1, 1, 1))),
                    channel));
    assertTrue(
        e.getMessage().contains("'relu2'") && e.getMessage().contains("binary"), e.getMessage());
  }

  @Test
  void aReluOutputIsRejected() {
    Network net =
        new Network(
            "relu-out",
            new long[] {1, 1, 4},
            List.of(
                Node.of("flatten", new Layer.Flatten(), Network.INPUT),
                Node.of("fc1", new Layer.Dense(new Weights.FullPrecision(W1), B1), "flatten"),
                Node.of("relu1", new Layer.Relu(), "fc1")),
            "relu1");
    UnsupportedLayerException e =
        assertThrows(UnsupportedLayerException.class, () -> convert(DEFAULTS, net, scales()));
    assertTrue(e.getMessage().contains("'relu1'"), e.getMessage());
  }

  // ---- batch norm, max pooling, residual additions, channel-wise lambdas
  // ---------------------------

  private static Layer.Conv2d conv(
      long seed, int out, int in, int kernel, int padding, boolean bias) {
    return new Layer.Conv2d(
        kernel,
        1,
        padding,
        new Weights.FullPrecision(
            TestTensors.randn(
                seed, Math.sqrt(2.0 / (in * kernel * kernel)), out, in, kernel, kernel)),
        bias ? TestTensors.randn(seed + 100, 0.1, out) : null);
  }

  private static Layer.BatchNorm batchNorm(long seed, int channels) {
    INDArray gamma = TestTensors.uniform(seed, -1.5, 1.5, channels); // negative gammas too
    INDArray beta = TestTensors.randn(seed + 1, 0.2, channels);
    INDArray mean = TestTensors.randn(seed + 2, 0.3, channels);
    INDArray variance = TestTensors.uniform(seed + 3, 0.2, 2, channels);
    return new Layer.BatchNorm(gamma, beta, mean, variance, 1e-5);
  }

  /**
   * conv1 - bn1 - relu1 - maxpool1 - conv2 - relu2 - flatten - fc; with poolBeforeRelu the second
   * pool sits before relu2.
   */
  private static Network cnn(boolean poolBeforeRelu) {
    List<Node> nodes = new ArrayList<>();
    nodes.add(Node.of("conv1", conv(20, 3, 1, 3, 1, true), Network.INPUT));
    nodes.add(Node.of("bn1", batchNorm(21, 3), "conv1"));
    nodes.add(Node.of("relu1", new Layer.Relu(), "bn1"));
    nodes.add(Node.of("maxpool1", new Layer.MaxPool2d(2, 2), "relu1"));
    nodes.add(Node.of("conv2", conv(22, 4, 3, 3, 1, true), "maxpool1"));
    if (poolBeforeRelu) {
      nodes.add(Node.of("maxpool2", new Layer.MaxPool2d(2, 2), "conv2"));
      nodes.add(Node.of("relu2", new Layer.Relu(), "maxpool2"));
      nodes.add(Node.of("flatten", new Layer.Flatten(), "relu2"));
    } else {
      nodes.add(Node.of("relu2", new Layer.Relu(), "conv2"));
      nodes.add(Node.of("flatten", new Layer.Flatten(), "relu2"));
    }
    int features = poolBeforeRelu ? 4 * 2 * 2 : 4 * 4 * 4;
    nodes.add(
        Node.of(
            "fc",
            new Layer.Dense(
                new Weights.FullPrecision(TestTensors.randn(23, 0.3, 3, features)),
                TestTensors.randn(24, 0.1, 3)),
            "flatten"));
    return new Network("cnn", new long[] {1, 8, 8}, nodes, "fc");
  }

  /**
   * conv0 - relu0 - conv1 - relu1 - conv2 - bn2 - add(bn2, relu0) - relu2 - avgpool - flatten - fc.
   */
  private static Network residual() {
    List<Node> nodes = new ArrayList<>();
    nodes.add(Node.of("conv0", conv(30, 3, 2, 3, 1, true), Network.INPUT));
    nodes.add(Node.of("relu0", new Layer.Relu(), "conv0"));
    nodes.add(Node.of("conv1", conv(31, 3, 3, 3, 1, true), "relu0"));
    nodes.add(Node.of("relu1", new Layer.Relu(), "conv1"));
    nodes.add(Node.of("conv2", conv(32, 3, 3, 3, 1, false), "relu1"));
    nodes.add(Node.of("bn2", batchNorm(33, 3), "conv2"));
    nodes.add(new Node("add2", new Layer.Add(), List.of("bn2", "relu0")));
    nodes.add(Node.of("relu2", new Layer.Relu(), "add2"));
    nodes.add(Node.of("pool", new Layer.AvgPool2d(2, 2), "relu2"));
    nodes.add(Node.of("flatten", new Layer.Flatten(), "pool"));
    nodes.add(
        Node.of(
            "fc",
            new Layer.Dense(
                new Weights.FullPrecision(TestTensors.randn(34, 0.3, 4, 12)),
                TestTensors.randn(35, 0.1, 4)),
            "flatten"));
    return new Network("residual", new long[] {2, 4, 4}, nodes, "fc");
  }

  private static LayerScales layerWise(Network net, long seed) {
    Map<String, INDArray> out = new java.util.HashMap<>();
    int k = 0;
    for (Node n : net.nodes()) {
      if (n.layer() instanceof Layer.Relu) {
        out.put(n.name(), TestTensors.uniform(seed + k++, 0.5, 2, 1));
      }
    }
    return new LayerScales(out);
  }

  private static LayerScales channelWise(Network net, long seed) {
    Map<String, long[]> shapes = NetworkForward.shapes(net);
    Map<String, INDArray> out = new java.util.HashMap<>();
    int k = 0;
    for (Node n : net.nodes()) {
      if (n.layer() instanceof Layer.Relu) {
        out.put(n.name(), TestTensors.uniform(seed + k++, 0.5, 2, shapes.get(n.name())[0]));
      }
    }
    return new LayerScales(out);
  }

  /** An activation divided by its lambda, per channel when the lambda has one value per channel. */
  private static INDArray normalized(INDArray activation, INDArray lambda) {
    if (lambda.length() == 1) {
      return activation.div(lambda.getDouble(0));
    }
    return activation.div(
        SpikingDynamics.aligned(
            lambda.reshape(
                activation.rank() == 4
                    ? new long[] {lambda.length(), 1, 1}
                    : new long[] {lambda.length()}),
            activation.rank()));
  }

  /**
   * The invariant of threshold balancing for any graph: feed every projection its source's ANN
   * activation divided by the source's lambda (the rate its spikes stand for; the max gate passes
   * the window maximum of a constant input), and the summed current over the threshold must be the
   * ANN's pre-activation of that ReLU divided by its lambda; the output's current must be the ANN's
   * scores.
   */
  private static void assertBalanced(Network ann, LayerScales scales, IfNeuronConfig config) {
    SpikingNetwork snn = convert(config, ann, scales);
    Network net = SpikingDynamics.reluBeforeMaxPool(ann);
    INDArray x =
        TestTensors.uniform(
            40, 0, 1, 5, ann.inputShape()[0], ann.inputShape()[1], ann.inputShape()[2]);
    Map<String, INDArray> activation = new java.util.HashMap<>();
    NetworkForward.run(net, x, (node, a) -> activation.put(node.name(), a.dup())).close();
    Map<String, INDArray> rates = new java.util.HashMap<>();
    rates.put(SpikingNetwork.INPUT, x);
    for (SpikingNode node : snn.nodes()) {
      INDArray current = null;
      for (Projection p : node.inputs()) {
        INDArray y = chain(p, rates.get(p.source()));
        if (p.scale() != null) {
          y = y.mul(SpikingDynamics.aligned(p.scale(), y.rank()));
        }
        current = current == null ? y : current.add(y);
      }
      if (node.neuron() instanceof Neuron.IntegrateAndFire n) {
        INDArray lambda = scales.of(node.name());
        INDArray over =
            n.threshold().length() == 1
                ? current.div(n.threshold().getDouble(0))
                : current.div(SpikingDynamics.aligned(n.threshold(), current.rank()));
        INDArray preActivation = activation.get(net.node(node.name()).inputs().get(0));
        assertClose(normalized(preActivation, lambda), over);
        rates.put(node.name(), normalized(activation.get(node.name()), lambda));
      } else {
        assertClose(activation.get(net.output()), current);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everyGraphIsBalancedLayerWiseAndChannelWiseInBothThresholdModes(boolean poolBeforeRelu) {
    for (Network net : List.of(cnn(poolBeforeRelu), residual(), mlp())) {
      for (IfNeuronConfig config : List.of(DEFAULTS, layerThreshold())) {
        assertBalanced(net, layerWise(net, 50), config);
        assertBalanced(net, channelWise(net, 60), config);
        assertBalanced(net, LayerScales.unit(), config);
      }
    }
  }

  @Test
  void batchNormIsFoldedIntoTheConvBeforeIt() {
    SpikingNetwork snn = convert(DEFAULTS, cnn(false), LayerScales.unit());
    Projection p = snn.nodes().get(0).inputs().get(0);
    assertEquals(List.of(Layer.Conv2d.class), p.ops().stream().map(Object::getClass).toList());
    Layer expected =
        BatchNormFolding.fold(
            cnn(false).node("conv1").layer(), (Layer.BatchNorm) cnn(false).node("bn1").layer());
    assertEquals(
        ((Layer.Conv2d) expected).weights().dense(),
        ((Layer.Conv2d) p.ops().get(0)).weights().dense());
    assertEquals(((Layer.Conv2d) expected).bias(), ((Layer.Conv2d) p.ops().get(0)).bias());
    assertEquals(List.of("bn1"), snn.notes().get("batchNormFolded"));
  }

  @Test
  void maxPoolingAfterAReluBecomesTheGateAtTheStartOfTheNextProjection() {
    SpikingNetwork snn = convert(DEFAULTS, cnn(false), layerWise(cnn(false), 1));
    assertEquals(
        List.of("relu1", "relu2", "fc"), snn.nodes().stream().map(SpikingNode::name).toList());
    Projection p = snn.nodes().get(1).inputs().get(0);
    assertEquals("relu1", p.source());
    assertTrue(p.gated());
    assertEquals(
        List.of(Layer.MaxPool2d.class, Layer.Conv2d.class),
        p.ops().stream().map(Object::getClass).toList());
    assertEquals(List.of("maxpool1"), snn.notes().get("maxPoolGates"));
  }

  @Test
  void maxPoolingDirectlyBeforeAReluMovesAfterItSoTheNeuronsSitBeforeTheGate() {
    SpikingNetwork snn = convert(DEFAULTS, cnn(true), layerWise(cnn(true), 1));
    Map<String, long[]> shapes = SpikingDynamics.shapes(snn);
    assertArrayEquals(
        new long[] {4, 4, 4}, shapes.get("relu2"), "relu2 spikes before the 2x2 pool");
    assertEquals(
        List.of(Layer.MaxPool2d.class, Layer.Conv2d.class),
        snn.nodes().get(1).inputs().get(0).ops().stream().map(Object::getClass).toList(),
        "maxpool1 gates relu1, then conv2");
    Projection out = snn.output().inputs().get(0);
    assertEquals(
        List.of(Layer.MaxPool2d.class, Layer.Flatten.class, Layer.Dense.class),
        out.ops().stream().map(Object::getClass).toList());
  }

  @Test
  void aResidualAdditionBecomesOneSpikingNodeWithAProjectionPerAddend() {
    double l0 = 2;
    double l1 = 0.5;
    double l2 = 4;
    LayerScales scales =
        new LayerScales(Map.of("relu0", scalar(l0), "relu1", scalar(l1), "relu2", scalar(l2)));
    SpikingNetwork snn = convert(DEFAULTS, residual(), scales);
    assertEquals(
        List.of("relu0", "relu1", "relu2", "fc"),
        snn.nodes().stream().map(SpikingNode::name).toList());
    SpikingNode add = snn.nodes().get(2);
    assertEquals(List.of("relu1", "relu0"), add.inputs().stream().map(Projection::source).toList());
    Projection branch = add.inputs().get(0);
    Layer.Conv2d folded =
        (Layer.Conv2d)
            BatchNormFolding.fold(
                residual().node("conv2").layer(), (Layer.BatchNorm) residual().node("bn2").layer());
    assertClose(
        folded.weights().dense().mul(l1 / l2),
        ((Layer.Conv2d) branch.ops().get(0)).weights().dense());
    assertClose(folded.bias().div(l2), ((Layer.Conv2d) branch.ops().get(0)).bias());
    assertNull(branch.scale());
    Projection shortcut = add.inputs().get(1);
    assertEquals(List.of(), shortcut.ops());
    assertEquals(
        l0 / l2,
        shortcut.scale().getDouble(0),
        1e-7,
        "identity shortcut: lambda_source / lambda_target");
    assertEquals(List.of("add2"), snn.notes().get("residualAdds"));
    assertEquals(
        Map.of(
            "relu0",
            List.of("conv0"),
            "relu1",
            List.of("conv1"),
            "relu2",
            List.of("conv2"),
            "fc",
            List.of("fc")),
        snn.notes().get("weightedLayers"),
        "the ANN layers each spiking node integrates (the shortcut adds none)");

    SpikingNode thresholdMode = convert(layerThreshold(), residual(), scales).nodes().get(2);
    assertEquals(l0, thresholdMode.inputs().get(1).scale().getDouble(0), 1e-7);
    assertEquals(
        l2, ((Neuron.IntegrateAndFire) thresholdMode.neuron()).threshold().getDouble(0), 0.0);
  }

  @Test
  void channelWiseThresholdsHaveOneValuePerChannelInLayerThresholdMode() {
    LayerScales scales = channelWise(cnn(false), 70);
    SpikingNetwork snn = convert(layerThreshold(), cnn(false), scales);
    Neuron.IntegrateAndFire relu1 = (Neuron.IntegrateAndFire) snn.nodes().get(0).neuron();
    assertArrayEquals(new long[] {3, 1, 1}, relu1.threshold().shape());
    assertClose(scales.of("relu1").reshape(3, 1, 1), relu1.threshold());
    SpikingNetwork mlpSnn = convert(layerThreshold(), mlp(), channelWise(mlp(), 80));
    assertArrayEquals(
        new long[] {5},
        ((Neuron.IntegrateAndFire) mlpSnn.nodes().get(0).neuron()).threshold().shape());
    // weight scaling keeps threshold 1
    assertEquals(
        1,
        ((Neuron.IntegrateAndFire) convert(DEFAULTS, cnn(false), scales).nodes().get(0).neuron())
            .threshold()
            .length());
  }
}
