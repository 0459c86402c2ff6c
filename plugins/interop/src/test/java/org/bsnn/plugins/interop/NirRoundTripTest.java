package org.bsnn.plugins.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Weights;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNetworkFormat;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Converted networks written to NIR and read back simulate to identical traces on every simulator
 * (spikes per node and timestep, correct samples per timestep, predictions, exit and first-output
 * timesteps), and keep their structure: node names and order, projections, op geometry, weights and
 * thresholds bit for bit, binary layers as binary.
 */
class NirRoundTripTest {

  @TempDir Path dir;

  /** The format as the CLI finds it: through the service loader. */
  static SpikingNetworkFormat nir() {
    return SpikingNetworkFormat.discover(NirRoundTripTest.class.getClassLoader()).stream()
        .filter(f -> f.format().equals("nir"))
        .findFirst()
        .orElseThrow();
  }

  SpikingNetwork roundTrip(SpikingNetwork snn, String name) {
    Path file = dir.resolve(name + ".nir");
    nir().write(snn, file);
    return nir().read(file, true);
  }

  @Test
  void aVggLikeNetworkWithRandomWeightsSimulatesIdentically() {
    Network ann = NirNetworks.vggLike();
    DataSplit data = NirNetworks.randomImages(ann.inputShape(), 24, 11);
    SpikingNetwork snn = NirNetworks.convert(ann, data, 24);
    SpikingNetwork back = roundTrip(snn, "vgg-like");
    assertSameStructure(snn, back);
    assertSameTraces(snn, back, data, 24, 0);
  }

  /**
   * The semantics NIR's nodes do not carry come back from the metadata: same-step propagation,
   * reset to zero, per-channel thresholds, and a spiking output read by spike count.
   */
  @Test
  void metadataRestoresPropagationResetThresholdShapesAndReadout() {
    Network ann = NirNetworks.vggLike();
    DataSplit data = NirNetworks.randomImages(ann.inputShape(), 16, 12);
    SpikingNetwork snn = NirNetworks.convert(ann, data, 16);
    List<SpikingNode> nodes = new ArrayList<>();
    for (SpikingNode node : snn.nodes()) {
      Neuron neuron =
          switch (node.neuron()) {
            case Neuron.IntegrateAndFire f when node.name().equals("relu1") ->
                new Neuron.IntegrateAndFire(
                    org.nd4j.linalg.factory.Nd4j.linspace(
                            org.nd4j.linalg.api.buffer.DataType.FLOAT, 0.5, 0.1, 6)
                        .reshape(6, 1, 1),
                    ResetMode.ZERO);
            case Neuron.IntegrateAndFire f ->
                new Neuron.IntegrateAndFire(f.threshold(), ResetMode.ZERO);
            case Neuron.Integrator i ->
                new Neuron.IntegrateAndFire(
                    org.nd4j.linalg.factory.Nd4j.createFromArray(0.25f), ResetMode.SUBTRACT);
          };
      nodes.add(new SpikingNode(node.name(), node.inputs(), neuron));
    }
    SpikingNetwork variant =
        new SpikingNetwork(
            snn.name() + "-variant",
            snn.inputShape(),
            nodes,
            snn.encoding(),
            Propagation.SAME_STEP,
            org.bsnn.api.snn.Readout.SPIKE_COUNT,
            snn.notes());
    SpikingNetwork back = roundTrip(variant, "variant");
    assertEquals(Propagation.SAME_STEP, back.propagation());
    assertEquals(org.bsnn.api.snn.Readout.SPIKE_COUNT, back.readout());
    assertSameStructure(variant, back);
    assertSameTraces(variant, back, data, 20, 0);
  }

  /**
   * Networks trained in PyTorch on Fashion-MNIST (the interop fixtures: a VGG, a ResNet with
   * residual adds, an XNOR-style binary VGG), balanced on real images and converted, round trip to
   * identical traces on 32 test images.
   */
  @ParameterizedTest(name = "{0}.onnx")
  @ValueSource(strings = {"vgg", "resnet", "bvgg"})
  void pyTorchNetworksConvertedOnFashionMnistSimulateIdentically(String model) {
    DataSplit data = PyTorchFixtures.testImages();
    Network ann = OnnxImporter.importFile(PyTorchFixtures.file(model + ".onnx"), true);
    SpikingNetwork snn = NirNetworks.convert(ann, data, 200);
    SpikingNetwork back = roundTrip(snn, model);
    assertSameStructure(snn, back);
    if (model.equals("resnet")) {
      assertTrue(
          back.nodes().stream().anyMatch(n -> n.inputs().size() > 1),
          "the residual additions come back as nodes with several projections");
    }
    if (model.equals("bvgg")) {
      assertTrue(
          binaryLayers(back) > 0, "binary weights are recognised again, so bitpacked runs them");
    }
    assertSameTraces(snn, back, data, 30, 32);
  }

  /** {@code snn} with every IF neuron starting at {@code start(node, neuron)}. */
  static SpikingNetwork withStarts(
      SpikingNetwork snn,
      java.util.function.BiFunction<SpikingNode, Neuron.IntegrateAndFire, INDArray> start) {
    List<SpikingNode> nodes = new ArrayList<>();
    for (SpikingNode node : snn.nodes()) {
      Neuron neuron =
          switch (node.neuron()) {
            case Neuron.IntegrateAndFire f -> f.with(f.threshold(), start.apply(node, f));
            case Neuron.Integrator i -> i;
          };
      nodes.add(new SpikingNode(node.name(), node.inputs(), neuron));
    }
    return snn.withNodes(nodes, "start", "test");
  }

  /** Half the threshold, one number per layer: the {@code initial-potential} optimizer's start. */
  static SpikingNetwork halfThresholdStart(SpikingNetwork snn) {
    return withStarts(snn, (node, f) -> f.threshold().mul(0.5));
  }

  /**
   * An initial potential per neuron comes back from the metadata: a scalar half-threshold start per
   * layer, and a random start per neuron (of the node's full shape, some negative, all below the
   * threshold), each simulating identically on every simulator that runs the original.
   */
  @Test
  void initialPotentialsPerLayerAndPerNeuronRoundTrip() {
    Network ann = NirNetworks.vggLike();
    DataSplit data = NirNetworks.randomImages(ann.inputShape(), 16, 14);
    SpikingNetwork snn = NirNetworks.convert(ann, data, 16);

    SpikingNetwork half = halfThresholdStart(snn);
    SpikingNetwork back = roundTrip(half, "half");
    assertSameStructure(half, back);
    assertSameTraces(half, back, data, 12, 0);

    java.util.Map<String, long[]> shapes = org.bsnn.api.snn.SpikingDynamics.shapes(snn);
    java.util.Random random = new java.util.Random(15);
    SpikingNetwork perNeuron =
        withStarts(
            snn,
            (node, f) -> {
              long[] shape = shapes.get(node.name());
              float theta = f.threshold().getFloat(0);
              float[] v0 =
                  new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
              for (int i = 0; i < v0.length; i++) {
                v0[i] = (random.nextFloat() * 1.8f - 0.9f) * theta;
              }
              return org.nd4j.linalg.factory.Nd4j.create(
                  v0, shape, org.nd4j.linalg.api.buffer.DataType.FLOAT);
            });
    back = roundTrip(perNeuron, "per-neuron");
    assertSameStructure(perNeuron, back);
    assertSameTraces(perNeuron, back, data, 12, 0);
  }

  /**
   * The binary PyTorch VGG converted on Fashion-MNIST with the {@code initial-potential}
   * optimizer's start (half the threshold) round trips to identical traces on all three simulators,
   * the bit-packed one included.
   */
  @Test
  void aConvertedBinaryNetworkWithHalfThresholdStartsSimulatesIdentically() {
    DataSplit data = PyTorchFixtures.testImages();
    Network ann = OnnxImporter.importFile(PyTorchFixtures.file("bvgg.onnx"), true);
    SpikingNetwork snn = halfThresholdStart(NirNetworks.convert(ann, data, 200));
    SpikingNetwork back = roundTrip(snn, "bvgg-start");
    assertSameStructure(snn, back);
    assertEquals(
        NirNetworks.SIMULATORS.size(),
        assertSameTraces(snn, back, data, 20, 32),
        "every simulator runs the binary network");
  }

  static long binaryLayers(SpikingNetwork net) {
    return net.nodes().stream()
        .flatMap(n -> n.inputs().stream())
        .flatMap(p -> p.ops().stream())
        .flatMap(op -> op.asWeighted().stream())
        .filter(w -> w.weights().isBinary())
        .count();
  }

  /** Compares the traces of every simulator; returns how many ran (the others refused both). */
  static int assertSameTraces(
      SpikingNetwork expected, SpikingNetwork actual, DataSplit data, int timesteps, int limit) {
    int compared = 0;
    for (String simulator : NirNetworks.SIMULATORS) {
      String where = simulator + " on " + expected.name();
      SimulationTrace a;
      try {
        a = NirNetworks.simulate(simulator, expected, data, timesteps, limit);
      } catch (UserFacingException refused) {
        // a backend that does not run the original (e.g. projection scales) must refuse the copy
        UserFacingException again =
            assertThrows(
                UserFacingException.class,
                () -> NirNetworks.simulate(simulator, actual, data, timesteps, limit),
                where);
        assertEquals(refused.getMessage(), again.getMessage(), where);
        continue;
      }
      compared++;
      SimulationTrace b = NirNetworks.simulate(simulator, actual, data, timesteps, limit);
      assertEquals(a.spikesByNode().keySet(), b.spikesByNode().keySet(), where);
      long spikes = 0;
      for (var e : a.spikesByNode().entrySet()) {
        assertArrayEquals(
            e.getValue(), b.spikesByNode().get(e.getKey()), where + ", spikes of " + e.getKey());
        for (long s : e.getValue()) {
          spikes += s;
        }
      }
      assertTrue(spikes > 0, where + ": the network must spike for the comparison to mean much");
      assertArrayEquals(a.correctByTimestep(), b.correctByTimestep(), where + ", correct by step");
      assertArrayEquals(a.accuracyByTimestep(), b.accuracyByTimestep(), where + ", accuracy");
      assertArrayEquals(a.predictions(), b.predictions(), where + ", predictions");
      assertArrayEquals(a.exitTimestep(), b.exitTimestep(), where + ", exit timesteps");
      assertEquals(a.firstOutputTimestep(), b.firstOutputTimestep(), where + ", first output");
      assertEquals(a.neuronsByNode(), b.neuronsByNode(), where + ", neurons");
      assertEquals(a.inputCurrentNonZero(), b.inputCurrentNonZero(), where + ", input current");
    }
    assertTrue(compared > 0, "no simulator ran " + expected.name());
    return compared;
  }

  static void assertSameStructure(SpikingNetwork expected, SpikingNetwork actual) {
    assertEquals(expected.name(), actual.name());
    assertArrayEquals(expected.inputShape(), actual.inputShape());
    assertEquals(expected.encoding(), actual.encoding());
    assertEquals(expected.propagation(), actual.propagation());
    assertEquals(expected.readout(), actual.readout());
    assertEquals(
        expected.nodes().stream().map(SpikingNode::name).toList(),
        actual.nodes().stream().map(SpikingNode::name).toList());
    for (int i = 0; i < expected.nodes().size(); i++) {
      SpikingNode e = expected.nodes().get(i);
      SpikingNode a = actual.nodes().get(i);
      assertSameNeuron(e, a);
      assertEquals(e.inputs().size(), a.inputs().size(), e.name() + ": projections");
      for (int j = 0; j < e.inputs().size(); j++) {
        assertSameProjection(e.name(), e.inputs().get(j), a.inputs().get(j));
      }
    }
  }

  private static void assertSameNeuron(SpikingNode e, SpikingNode a) {
    switch (e.neuron()) {
      case Neuron.IntegrateAndFire f -> {
        Neuron.IntegrateAndFire g = (Neuron.IntegrateAndFire) a.neuron();
        assertEquals(f.reset(), g.reset(), e.name() + ": reset");
        assertBitEqual(f.threshold(), g.threshold(), e.name() + ": threshold");
        if (f.startsAtZero()) {
          assertTrue(g.startsAtZero(), e.name() + ": starts at 0");
        } else {
          assertBitEqual(f.initialPotential(), g.initialPotential(), e.name() + ": start");
        }
      }
      case Neuron.Integrator i ->
          assertEquals(Neuron.Integrator.class, a.neuron().getClass(), e.name() + ": neuron");
    }
  }

  private static void assertSameProjection(String node, Projection e, Projection a) {
    String where = node + " <- " + e.source();
    assertEquals(e.source(), a.source(), where);
    List<Layer> ops = e.ops().stream().filter(op -> !op.type().equals("dropout")).toList();
    assertEquals(
        ops.stream().map(Layer::type).toList(), a.ops().stream().map(Layer::type).toList(), where);
    for (int k = 0; k < ops.size(); k++) {
      Layer x = ops.get(k);
      Layer y = a.ops().get(k);
      switch (x) {
        case Layer.Conv2d c -> {
          Layer.Conv2d d = (Layer.Conv2d) y;
          assertEquals(
              List.of(c.kernel(), c.stride(), c.padding()),
              List.of(d.kernel(), d.stride(), d.padding()),
              where);
          assertSameWeights(c.weights(), d.weights(), where);
          assertSameBias(c.bias(), d.bias(), where);
        }
        case Layer.Dense c -> {
          Layer.Dense d = (Layer.Dense) y;
          assertSameWeights(c.weights(), d.weights(), where);
          assertSameBias(c.bias(), d.bias(), where);
        }
        case Layer.AvgPool2d p -> assertEquals(p, y, where);
        default -> assertEquals(x.type(), y.type(), where);
      }
    }
    if (e.scale() == null) {
      assertEquals(null, a.scale(), where + ": scale");
    } else {
      assertBitEqual(e.scale(), a.scale(), where + ": scale");
    }
  }

  private static void assertSameWeights(Weights e, Weights a, String where) {
    assertEquals(e.isBinary(), a.isBinary(), where + ": binary");
    switch (e) {
      case Weights.Binary b -> {
        Weights.Binary c = (Weights.Binary) a;
        assertBitEqual(b.signs(), c.signs(), where + ": signs");
        assertBitEqual(b.alpha().reshape(b.alpha().length()), c.alpha(), where + ": alpha");
      }
      case Weights.FullPrecision f -> assertBitEqual(f.values(), a.dense(), where + ": weights");
    }
  }

  private static void assertSameBias(INDArray e, INDArray a, String where) {
    boolean zero = e == null || e.amaxNumber().doubleValue() == 0;
    if (zero) {
      assertEquals(null, a, where + ": an all-zero bias reads back as none");
    } else {
      assertBitEqual(e.reshape(e.length()), a, where + ": bias");
    }
  }

  static void assertBitEqual(INDArray e, INDArray a, String where) {
    assertArrayEquals(e.shape(), a.shape(), where + ": shape");
    assertArrayEquals(
        e.dup('c').data().asFloat(), a.dup('c').data().asFloat(), 0f, where + ": values");
  }

  @Test
  void notesAndMetadataNameTheFile() {
    Network ann = NirNetworks.vggLike();
    DataSplit data = NirNetworks.randomImages(ann.inputShape(), 8, 13);
    SpikingNetwork back = roundTrip(NirNetworks.convert(ann, data, 8), "named");
    assertEquals("named.nir", back.notes().get("nir"));
  }
}
