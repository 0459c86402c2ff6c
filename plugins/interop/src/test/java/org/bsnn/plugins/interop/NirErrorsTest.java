package org.bsnn.plugins.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Weights;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What NIR export and import refuse: a clear message naming the file, the node and its type, and
 * nothing written.
 */
class NirErrorsTest {

  @TempDir Path dir;

  /** input [1,4,4] -> conv 3x3 (+ pool) -> IF "hidden" -> (pool +) flatten + dense -> I "out". */
  static SpikingNetwork small(Layer pool) {
    Layer.Conv2d conv =
        new Layer.Conv2d(
            3, 1, 1, new Weights.FullPrecision(TestTensors.randn(1, 0.5, 2, 1, 3, 3)), null);
    Layer.Dense dense =
        new Layer.Dense(
            new Weights.FullPrecision(TestTensors.randn(2, 0.5, 3, 8)),
            TestTensors.randn(3, 0.1, 3));
    // either pooling halves [2, 4, 4] to [2, 2, 2] before the dense layer: on the conv's output
    // (average, a synaptic op) or on the hidden spikes (the max gate stands first in its
    // projection)
    List<Layer> firstOps = pool.isSpikingGate() ? List.of(conv) : List.of(conv, pool);
    List<Layer> secondOps =
        pool.isSpikingGate()
            ? List.of(pool, new Layer.Flatten(), dense)
            : List.of(new Layer.Flatten(), dense);
    return new SpikingNetwork(
        "small",
        new long[] {1, 4, 4},
        List.of(
            new SpikingNode(
                "hidden",
                List.of(new Projection(SpikingNetwork.INPUT, firstOps)),
                new Neuron.IntegrateAndFire(Nd4j.createFromArray(0.5f), ResetMode.SUBTRACT)),
            new SpikingNode(
                "out", List.of(new Projection("hidden", secondOps)), new Neuron.Integrator())),
        Encoding.DIRECT,
        Propagation.PIPELINED,
        Readout.POTENTIAL,
        Map.of());
  }

  private final NirFormat nir = new NirFormat();

  @Test
  void exportRefusesASpikingMaxPoolGateAndWritesNothing() throws IOException {
    Path out = dir.resolve("gated.nir");
    UserFacingException e =
        assertThrows(
            UserFacingException.class, () -> nir.write(small(new Layer.MaxPool2d(2, 2)), out));
    assertTrue(e.getMessage().contains("node 'out'"), e.getMessage());
    assertTrue(e.getMessage().contains("maxpool2d"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
    assertFalse(Files.exists(out));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "no temporary file is left behind");
    }
  }

  @Test
  void theSmallNetworkRoundTrips() {
    Path file = dir.resolve("small.nir");
    nir.write(small(new Layer.AvgPool2d(2, 2)), file);
    SpikingNetwork back = nir.read(file, false);
    NirRoundTripTest.assertSameStructure(small(new Layer.AvgPool2d(2, 2)), back);
  }

  /** Writes the small network's graph changed by {@code edit} and returns the import's error. */
  String importError(String name, UnaryOperator<NirGraph> edit) {
    NirGraph graph = edit.apply(NirExporter.export(small(new Layer.AvgPool2d(2, 2))));
    Path file = dir.resolve(name + ".nir");
    NirFile.write(graph, file);
    UserFacingException e = assertThrows(UserFacingException.class, () -> nir.read(file, true));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    return e.getMessage();
  }

  static NirGraph replaceNode(NirGraph g, String name, NirGraph.Node node) {
    Map<String, NirGraph.Node> nodes = new LinkedHashMap<>(g.nodes());
    nodes.put(name, node);
    return new NirGraph(g.version(), nodes, g.edges(), g.metadata());
  }

  static NirGraph replaceField(NirGraph g, String name, String field, Object value) {
    NirGraph.Node n = g.nodes().get(name);
    Map<String, Object> fields = new LinkedHashMap<>(n.fields());
    fields.put(field, value);
    return replaceNode(g, name, new NirGraph.Node(n.type(), fields));
  }

  @Test
  void aLeakyNeuronIsRefusedNamingTheNodeAndTheSupportedTypes() {
    String message =
        importError(
            "lif",
            g ->
                replaceNode(
                    g,
                    "hidden",
                    new NirGraph.Node(
                        "LIF",
                        Map.of(
                            "tau", new float[] {0.01f},
                            "r", new float[] {1f},
                            "v_leak", new float[] {0f},
                            "v_threshold", new float[] {1f}))));
    assertTrue(message.contains("node 'hidden' is of type LIF"), message);
    assertTrue(message.contains("leak"), message);
    assertTrue(message.contains(NirImporter.SUPPORTED.toString()), message);
  }

  @Test
  void anUnknownNodeTypeIsRefused() {
    String message =
        importError(
            "delay",
            g -> replaceNode(g, "hidden", new NirGraph.Node("Delay", Map.of("delay", 1L))));
    assertTrue(message.contains("node 'hidden' is of type Delay"), message);
    assertTrue(message.contains("supported types"), message);
  }

  @Test
  void nonFiniteWeightsAreRefusedNamingNodeAndParameter() {
    String conv = "hidden.in0.0.conv2d";
    String message =
        importError(
            "nan",
            g -> {
              float[][][][] w = new float[2][1][3][3];
              w[1][0][2][2] = Float.NaN;
              return replaceField(g, conv, "weight", w);
            });
    assertTrue(message.contains("node '" + conv + "'"), message);
    assertTrue(message.contains("weight holds NaN"), message);
  }

  @Test
  void shapeMismatchesAreRefused() {
    String message =
        importError("output-shape", g -> replaceField(g, "output", "shape", new long[] {4}));
    assertTrue(message.contains("Output node 'output' has shape [4]"), message);
    message =
        importError(
            "conv-input",
            g -> replaceField(g, "hidden.in0.0.conv2d", "input_shape", new long[] {5, 5}));
    assertTrue(message.contains("input_shape [5, 5]"), message);
    message =
        importError(
            "threshold", g -> replaceField(g, "hidden", "v_threshold", new float[] {1f, 1f}));
    assertTrue(message.contains("v_threshold has shape [2]"), message);
  }

  @Test
  void aNonZeroResetPotentialIsRefusedWithoutTheWorkbenchMetadata() {
    String message =
        importError(
            "v-reset",
            g -> {
              NirGraph h =
                  replaceField(
                      g, "hidden", "v_reset", NirArrays.filled(new long[] {2, 2, 2}, 0.3f));
              return new NirGraph(h.version(), h.nodes(), h.edges(), Map.of());
            });
    assertTrue(message.contains("v_reset = 0.3"), message);
  }

  /** The small network with the hidden neurons starting at {@code start} ([1] or [2, 2, 2]). */
  static SpikingNetwork smallWithStart(org.nd4j.linalg.api.ndarray.INDArray start) {
    SpikingNetwork net = small(new Layer.AvgPool2d(2, 2));
    SpikingNode hidden = net.nodes().get(0);
    Neuron.IntegrateAndFire f = (Neuron.IntegrateAndFire) hidden.neuron();
    return net.withNodes(
        List.of(
            new SpikingNode(hidden.name(), hidden.inputs(), f.with(f.threshold(), start)),
            net.nodes().get(1)),
        "start",
        "test");
  }

  static NirGraph replaceMetadata(NirGraph g, String key, Object value) {
    Map<String, Object> meta = new LinkedHashMap<>(g.metadata());
    if (value == null) {
      meta.remove(key);
    } else {
      meta.put(key, value);
    }
    return new NirGraph(g.version(), g.nodes(), g.edges(), meta);
  }

  @Test
  void aStartComesBackWithoutItsShapeAndIsZeroWithoutTheMetadata() {
    SpikingNetwork net = smallWithStart(Nd4j.createFromArray(-0.25f));
    NirGraph graph = NirExporter.export(net);
    String key = NirMetadata.INITIAL_POTENTIAL + "hidden";
    assertTrue(graph.metadata().containsKey(key), graph.metadata().keySet().toString());
    assertFalse(
        graph.metadata().containsKey("bsnn_initial_potential"), "no global start is written");

    Path file = dir.resolve("no-shape.nir");
    NirFile.write(
        replaceMetadata(graph, NirMetadata.INITIAL_POTENTIAL_SHAPE + "hidden", null), file);
    Neuron.IntegrateAndFire back =
        (Neuron.IntegrateAndFire) nir.read(file, false).nodes().get(0).neuron();
    NirRoundTripTest.assertBitEqual(
        Nd4j.createFromArray(-0.25f), back.initialPotential(), "an equal start compresses to [1]");

    Path foreign = dir.resolve("foreign.nir");
    NirFile.write(new NirGraph(graph.version(), graph.nodes(), graph.edges(), Map.of()), foreign);
    back = (Neuron.IntegrateAndFire) nir.read(foreign, false).nodes().get(0).neuron();
    assertTrue(back.startsAtZero(), "a file without the metadata starts at 0");
  }

  @Test
  void badStartsAreRefusedNamingNodeAndValue() {
    String key = NirMetadata.INITIAL_POTENTIAL + "hidden";
    UnaryOperator<NirGraph> withStart =
        g -> NirExporter.export(smallWithStart(Nd4j.createFromArray(0.1f)));
    float[][][] atThreshold = (float[][][]) NirArrays.filled(new long[] {2, 2, 2}, 0.1f);
    atThreshold[1][0][1] = 0.5f;
    String message =
        importError("at-threshold", g -> replaceMetadata(withStart.apply(g), key, atThreshold));
    assertTrue(message.contains("node 'hidden' (IF)"), message);
    assertTrue(message.contains("holds 0.5 at flat index 5"), message);
    assertTrue(message.contains("not below v_threshold 0.5"), message);

    float[][][] nan = (float[][][]) NirArrays.filled(new long[] {2, 2, 2}, 0.1f);
    nan[0][1][0] = Float.NaN;
    message = importError("nan-start", g -> replaceMetadata(withStart.apply(g), key, nan));
    assertTrue(message.contains(key + " holds NaN at flat index 2"), message);

    message =
        importError(
            "start-shape", g -> replaceMetadata(withStart.apply(g), key, new float[] {0f, 0f}));
    assertTrue(message.contains(key + " has shape [2]"), message);

    message =
        importError(
            "start-on-i",
            g -> replaceMetadata(g, NirMetadata.INITIAL_POTENTIAL + "out", new float[] {0f}));
    assertTrue(message.contains("'out', which is a node of type I"), message);

    message =
        importError(
            "shape-alone",
            g -> replaceMetadata(g, NirMetadata.INITIAL_POTENTIAL_SHAPE + "hidden", "[1]"));
    assertTrue(message.contains("has no " + key), message);

    message = importError("global-start", g -> replaceMetadata(g, "bsnn_initial_potential", 0.2));
    assertTrue(message.contains("bsnn_initial_potential (one start"), message);
  }

  @Test
  void truncatedAndForeignFilesAreRefusedNamingTheFile() throws IOException {
    Path file = dir.resolve("whole.nir");
    nir.write(small(new Layer.AvgPool2d(2, 2)), file);
    byte[] bytes = Files.readAllBytes(file);
    Path truncated = dir.resolve("truncated.nir");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    UserFacingException e =
        assertThrows(UserFacingException.class, () -> nir.read(truncated, true));
    assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not a readable NIR file"), e.getMessage());

    Path text = dir.resolve("text.nir");
    Files.writeString(text, "not hdf5\n");
    e = assertThrows(UserFacingException.class, () -> nir.read(text, true));
    assertTrue(e.getMessage().startsWith(text.toString()), e.getMessage());

    e = assertThrows(UserFacingException.class, () -> nir.read(dir.resolve("absent.nir"), true));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }
}
