package org.bsnn.experiments.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bsnn.api.config.ConfigBinder;
import org.bsnn.api.config.ConfigEntry;
import org.bsnn.api.config.SourceLocation;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.stage.Binarizer;
import org.bsnn.api.stage.Converter;
import org.bsnn.api.stage.DatasetSource;
import org.bsnn.api.stage.Normalizer;
import org.bsnn.api.stage.Optimizer;
import org.bsnn.api.stage.Simulator;
import org.bsnn.api.stage.Stage;
import org.bsnn.api.stage.StageKind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The crossbar form of binary layers (Lu &amp; Sengupta 2020, "Binarization") against the
 * scaled-float form, on real Fashion-MNIST test images, through the plugins as the runner uses them
 * (registry, not plugin classes): {@code xnor-bwn} binarizes a small CNN, {@code percentile}
 * balances it on training images, {@code if-neuron} converts it, {@code crossbar-form} rewrites it,
 * and {@code time-stepped} simulates both forms.
 *
 * <p>What holds bit for bit by construction: when every binary layer's alpha·scale is a power of
 * two, predictions, accuracy at every timestep and spike counts per layer per timestep are
 * identical (scaling by 2^e commutes with float32 rounding). With arbitrary alphas (XNOR-Net's mean
 * |W| times the balancing ratio) both forms sum the +-1 signs over spikes exactly; the float form
 * then rounds alpha·sum once per step and accumulates it in float32, the crossbar form accumulates
 * the integer and compares it with theta/alpha. They could part only where a potential falls within
 * float32 rounding of its threshold; on these images that never happens (the second test checks
 * identity and prints the count of differing spikes, 0 when it was written).
 */
class CrossbarFormEquivalenceTest {

  private static final SourceLocation HERE = new SourceLocation("CrossbarFormEquivalenceTest", 1);
  private static final int TIMESTEPS = 40;
  private static final int IMAGES = 64;

  private static PluginRegistry registry;
  private static Dataset data;
  private static SpikingNetwork converted;

  @BeforeAll
  static void convert() {
    registry = PluginRegistry.discover();
    Path repo = Path.of("").toAbsolutePath().getParent();
    Assumptions.assumeTrue(
        repo != null && Files.isDirectory(repo.resolve("datasets")),
        "not run from the experiments module");
    try {
      data =
          stage(
                  DatasetSource.class,
                  StageKind.DATASET,
                  "fashion-mnist",
                  Map.of(
                      "cacheDir",
                      repo.resolve("datasets/cache").toString(),
                      "trainLimit",
                      128,
                      "testLimit",
                      IMAGES))
              .open(context("dataset"));
    } catch (DataUnavailableException e) {
      Assumptions.abort("Fashion-MNIST is not available here: " + e.getMessage());
    }
    Network ann = stage(Binarizer.class, StageKind.BINARIZE, "xnor-bwn", Map.of()).apply(cnn());
    LayerScales scales =
        stage(Normalizer.class, StageKind.NORMALIZE, "percentile", Map.of("samples", 128))
            .calibrate(ann, data.calibration(128), context("normalize"));
    converted =
        stage(Converter.class, StageKind.CONVERT, "if-neuron", Map.of())
            .convert(ann, scales, context("convert"));
  }

  /**
   * conv 1->8 (fp) | conv 8->16 + avgpool (binary) | conv 16->16 + avgpool (binary) | fc 784->64
   * (binary) | fc 64->10 (fp).
   */
  private static Network cnn() {
    return new Network(
        "crossbar-cnn",
        new long[] {1, 28, 28},
        List.of(
            Node.of("conv1", conv(1, 1, 8), Network.INPUT),
            Node.of("relu1", new Layer.Relu(), "conv1"),
            Node.of("conv2", conv(2, 8, 16), "relu1"),
            Node.of("pool2", new Layer.AvgPool2d(2, 2), "conv2"),
            Node.of("relu2", new Layer.Relu(), "pool2"),
            Node.of("conv3", conv(3, 16, 16), "relu2"),
            Node.of("pool3", new Layer.AvgPool2d(2, 2), "conv3"),
            Node.of("relu3", new Layer.Relu(), "pool3"),
            Node.of("flatten", new Layer.Flatten(), "relu3"),
            Node.of(
                "fc1",
                new Layer.Dense(
                    new Weights.FullPrecision(TestTensors.randn(4, Math.sqrt(2.0 / 784), 64, 784)),
                    null),
                "flatten"),
            Node.of("relu4", new Layer.Relu(), "fc1"),
            Node.of(
                "fc2",
                new Layer.Dense(
                    new Weights.FullPrecision(TestTensors.randn(5, Math.sqrt(1.0 / 64), 10, 64)),
                    null),
                "relu4")),
        "fc2");
  }

  private static Layer.Conv2d conv(long seed, int in, int out) {
    return new Layer.Conv2d(
        3,
        1,
        1,
        new Weights.FullPrecision(
            TestTensors.randn(seed, Math.sqrt(2.0 / (in * 9)), out, in, 3, 3)),
        TestTensors.randn(seed + 100, 0.05, out));
  }

  @Test
  void powerOfTwoAlphasGiveBitIdenticalSpikeTrainsAndPredictions() {
    SpikingNetwork floatForm = powerOfTwoAlphas(converted);
    SpikingNetwork crossbar = crossbarForm(floatForm);
    @SuppressWarnings("unchecked")
    Map<String, String> notes = (Map<String, String>) crossbar.notes().get("crossbar-form");
    assertEquals(List.of("relu2", "relu3", "relu4"), List.copyOf(notes.keySet()), notes.toString());
    notes.values().forEach(n -> assertTrue(n.contains("exact"), notes.toString()));

    SimulationTrace a = simulate(floatForm);
    SimulationTrace b = simulate(crossbar);
    assertTrue(
        a.spikesByNode().values().stream().allMatch(s -> java.util.Arrays.stream(s).sum() > 0),
        "every layer must spike: " + counts(a));
    assertArrayEquals(a.predictions(), b.predictions());
    assertArrayEquals(a.correctByTimestep(), b.correctByTimestep());
    assertArrayEquals(a.exitTimestep(), b.exitTimestep());
    assertEquals(a.spikesByNode().keySet(), b.spikesByNode().keySet());
    for (String node : a.spikesByNode().keySet()) {
      assertArrayEquals(
          a.spikesByNode().get(node), b.spikesByNode().get(node), "spikes per timestep of " + node);
    }
    assertEquals(a.firstOutputTimestep(), b.firstOutputTimestep());
  }

  @Test
  void arbitraryAlphasGiveIdenticalSpikeTrainsOnTheseImages() {
    SpikingNetwork crossbar = crossbarForm(converted);
    SimulationTrace a = simulate(converted);
    SimulationTrace b = simulate(crossbar);
    long total = 0;
    long differing = 0;
    for (String node : a.spikesByNode().keySet()) {
      long[] x = a.spikesByNode().get(node);
      long[] y = b.spikesByNode().get(node);
      for (int t = 0; t < x.length; t++) {
        total += x[t];
        differing += Math.abs(x[t] - y[t]);
      }
    }
    int samePredictions = 0;
    for (int i = 0; i < a.predictions().length; i++) {
      samePredictions += a.predictions()[i] == b.predictions()[i] ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "crossbar form, arbitrary alphas: %d of %d spikes differ in per-step counts; %d of %d predictions equal%n",
        differing,
        total,
        samePredictions,
        a.predictions().length);
    assertTrue(total > 0);
    assertEquals(0, differing, differing + " of " + total + " per-step spike counts differ");
    assertArrayEquals(a.predictions(), b.predictions());
    assertArrayEquals(a.correctByTimestep(), b.correctByTimestep());
  }

  /**
   * A copy whose binary weights have alpha rounded to the nearest power of two (the float form
   * under test).
   */
  private static SpikingNetwork powerOfTwoAlphas(SpikingNetwork net) {
    List<SpikingNode> nodes = new ArrayList<>();
    for (SpikingNode node : net.nodes()) {
      List<Projection> inputs = new ArrayList<>();
      for (Projection p : node.inputs()) {
        List<Layer> ops = new ArrayList<>();
        for (Layer op : p.ops()) {
          if (op instanceof Layer.Conv2d c && c.weights() instanceof Weights.Binary b) {
            ops.add(
                new Layer.Conv2d(
                    c.kernel(),
                    c.stride(),
                    c.padding(),
                    new Weights.Binary(b.signs(), roundToPowerOfTwo(b.alpha())),
                    c.bias()));
          } else if (op instanceof Layer.Dense d && d.weights() instanceof Weights.Binary b) {
            ops.add(
                new Layer.Dense(
                    new Weights.Binary(b.signs(), roundToPowerOfTwo(b.alpha())), d.bias()));
          } else {
            ops.add(op);
          }
        }
        inputs.add(new Projection(p.source(), ops));
      }
      nodes.add(new SpikingNode(node.name(), inputs, node.neuron()));
    }
    return net.withNodes(nodes, "test", "alphas rounded to powers of two");
  }

  private static INDArray roundToPowerOfTwo(INDArray alpha) {
    float[] a = alpha.dup().data().asFloat();
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) Math.pow(2, Math.round(Math.log(a[i]) / Math.log(2)));
    }
    return Nd4j.create(a, alpha.shape(), 'c');
  }

  private static SpikingNetwork crossbarForm(SpikingNetwork net) {
    return stage(Optimizer.class, StageKind.OPTIMIZE, "crossbar-form", Map.of())
        .prepare(net, context("optimize"));
  }

  private static SimulationTrace simulate(SpikingNetwork net) {
    return stage(
            Simulator.class,
            StageKind.SIMULATE,
            "time-stepped",
            Map.of("timesteps", TIMESTEPS, "batchSize", 32, "limit", 0))
        .simulate(net, data.test(), List.of(), context("simulate"));
  }

  private static Map<String, Long> counts(SimulationTrace t) {
    Map<String, Long> out = new LinkedHashMap<>();
    t.spikesByNode().forEach((k, v) -> out.put(k, java.util.Arrays.stream(v).sum()));
    return out;
  }

  private static TestRunContext context(String stage) {
    return new TestRunContext(0, stage, "crossbar-test", null);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <S extends Stage> S stage(
      Class<S> type, StageKind kind, String id, Map<String, Object> config) {
    PluginProvider provider = registry.get(kind, id);
    Map<String, ConfigEntry> entries = new LinkedHashMap<>();
    config.forEach((k, v) -> entries.put(k, new ConfigEntry(v, HERE)));
    Record bound =
        ConfigBinder.bind(
            kind.group() + " plugin '" + id + "'",
            provider.configType(),
            (Record) provider.defaults(),
            entries);
    return type.cast(PluginRegistry.create(provider, bound));
  }
}
