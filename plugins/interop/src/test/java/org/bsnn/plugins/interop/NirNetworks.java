package org.bsnn.plugins.interop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bsnn.api.config.ConfigBinder;
import org.bsnn.api.config.ConfigEntry;
import org.bsnn.api.config.SourceLocation;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.Converter;
import org.bsnn.api.stage.Normalizer;
import org.bsnn.api.stage.Simulator;
import org.bsnn.api.stage.Stage;
import org.bsnn.api.stage.StageKind;

/**
 * Converted networks for the NIR tests, made as the runner makes them: balanced by the {@code
 * percentile} normalizer and converted by {@code if-neuron}, all reached through the plugin
 * registry; and the three simulators by id.
 */
final class NirNetworks {

  /** The simulators every round trip is checked on. */
  static final List<String> SIMULATORS = List.of("time-stepped", "event-driven", "bitpacked");

  private static final PluginRegistry REGISTRY = PluginRegistry.discover();

  private NirNetworks() {}

  /** A plugin by id with its defaults overridden by {@code overrides}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <S extends Stage> S plugin(
      StageKind kind, String id, Class<S> type, Map<String, Object> overrides) {
    PluginProvider provider = REGISTRY.get(kind, id);
    Map<String, ConfigEntry> entries = new LinkedHashMap<>();
    overrides.forEach(
        (k, v) -> entries.put(k, new ConfigEntry(v, SourceLocation.commandLine(k + "=" + v))));
    Record config =
        ConfigBinder.bind(
            "test " + id, provider.configType(), (Record) provider.defaults(), entries);
    return type.cast(PluginRegistry.create(provider, config));
  }

  /** {@code ann} balanced on {@code data} (99.9th percentile) and converted to IF neurons. */
  static SpikingNetwork convert(Network ann, DataSplit data, int samples) {
    LayerScales scales =
        plugin(
                StageKind.NORMALIZE,
                "percentile",
                Normalizer.class,
                Map.of("percentile", 99.9, "samples", samples))
            .calibrate(ann, data, new TestRunContext(0));
    return plugin(StageKind.CONVERT, "if-neuron", Converter.class, Map.of())
        .convert(ann, scales, new TestRunContext(0));
  }

  /** The trace of {@code simulator} on the first {@code limit} images. */
  static SimulationTrace simulate(
      String simulator, SpikingNetwork snn, DataSplit data, int timesteps, int limit) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("timesteps", timesteps);
    config.put("batchSize", 16);
    config.put("limit", limit);
    if (!simulator.equals("time-stepped")) {
      config.put("threads", 1);
    }
    return plugin(StageKind.SIMULATE, simulator, Simulator.class, config)
        .simulate(snn, data, List.of(), new TestRunContext(0, "simulate", simulator, null));
  }

  /**
   * A small VGG-like ANN with random weights: conv-relu-avgpool, conv-relu-avgpool, flatten,
   * dense-relu, dense (1x12x12 input, 10 classes).
   */
  static Network vggLike() {
    return new Network(
        "vgg-like",
        new long[] {1, 12, 12},
        List.of(
            Node.of("conv1", conv(1, 6, 1), Network.INPUT),
            Node.of("relu1", new Layer.Relu(), "conv1"),
            Node.of("pool1", new Layer.AvgPool2d(2, 2), "relu1"),
            Node.of("conv2", conv(3, 8, 6), "pool1"),
            Node.of("relu2", new Layer.Relu(), "conv2"),
            Node.of("pool2", new Layer.AvgPool2d(2, 2), "relu2"),
            Node.of("flat", new Layer.Flatten(), "pool2"),
            Node.of(
                "fc1",
                new Layer.Dense(
                    new Weights.FullPrecision(TestTensors.randn(5, 0.15, 24, 72)),
                    TestTensors.randn(6, 0.05, 24)),
                "flat"),
            Node.of("relu3", new Layer.Relu(), "fc1"),
            Node.of(
                "fc2",
                new Layer.Dense(new Weights.FullPrecision(TestTensors.randn(7, 0.3, 10, 24)), null),
                "relu3")),
        "fc2");
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

  /** Uniform random images of {@code shape} (labels 0..9 at random). */
  static InMemoryDataSplit randomImages(long[] shape, int n, long seed) {
    int size = (int) (shape[0] * shape[1] * shape[2]);
    Random r = new Random(seed);
    float[][] images = new float[n][size];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < size; j++) {
        images[i][j] = r.nextFloat();
      }
      labels[i] = r.nextInt(10);
    }
    return InMemoryDataSplit.of(images, labels, (int) shape[0], (int) shape[1], (int) shape[2]);
  }
}
