package org.bsnn.experiments.conversion;

import java.util.ArrayList;
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
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.Architecture;
import org.bsnn.api.stage.Converter;
import org.bsnn.api.stage.Normalizer;
import org.bsnn.api.stage.Simulator;
import org.bsnn.api.stage.Stage;
import org.bsnn.api.stage.StageKind;

/**
 * Normalize, convert and simulate through the plugin registry (as the runner does, without
 * importing plugin classes), on small hand-built networks with random weights whose data is
 * labelled with the ANN's own predictions, so accuracy is agreement with the ANN.
 */
final class ConversionPipeline {

  private static final PluginRegistry REGISTRY = PluginRegistry.discover();

  private ConversionPipeline() {}

  /**
   * A plugin by id with its defaults overridden by {@code overrides} (config keys to plain values).
   */
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

  static LayerScales normalize(
      String id, Map<String, Object> overrides, Network net, InMemoryDataSplit data) {
    return plugin(StageKind.NORMALIZE, id, Normalizer.class, overrides)
        .calibrate(net, data, new TestRunContext(0));
  }

  static SpikingNetwork convert(Network net, LayerScales scales) {
    return plugin(StageKind.CONVERT, "if-neuron", Converter.class, Map.of())
        .convert(net, scales, new TestRunContext(0));
  }

  static SimulationTrace simulate(SpikingNetwork snn, InMemoryDataSplit data, int timesteps) {
    return plugin(
            StageKind.SIMULATE,
            "time-stepped",
            Simulator.class,
            Map.of("timesteps", timesteps, "batchSize", 128))
        .simulate(snn, data, List.of(), new TestRunContext(0, "simulate", "time-stepped", null));
  }

  /** Uniform random images labelled with the network's own predictions. */
  static InMemoryDataSplit labelledByTheAnn(Network net, int n, long seed) {
    return labelledByTheAnn(net, n, seed, false);
  }

  /**
   * As {@link #labelledByTheAnn(Network, int, long)}; with {@code mixtures} each image is instead a
   * random mixture {@code sum_k u_k P_k} (u_k uniform in [0, 1)) of horizontal stripes, vertical
   * stripes, a checkerboard and a fixed uniform-noise pattern. Networks that end in global average
   * pooling average i.i.d. noise to nearly the same features for every image, so their ANN gives
   * almost one class; patterns of different local structure move the pooled features in different
   * directions and give several.
   */
  static InMemoryDataSplit labelledByTheAnn(Network net, int n, long seed, boolean mixtures) {
    long[] shape = net.inputShape();
    int size = (int) (shape[0] * shape[1] * shape[2]);
    Random r = new Random(seed);
    float[][] images = new float[n][size];
    float[][] patterns = new float[mixtures ? 4 : 0][size];
    int h = (int) shape[1];
    int w = (int) shape[2];
    for (int i = 0; mixtures && i < size; i++) {
      int row = i / w % h;
      int col = i % w;
      patterns[0][i] = row % 2;
      patterns[1][i] = col % 2;
      patterns[2][i] = (row + col) % 2;
      patterns[3][i] = r.nextFloat();
    }
    for (float[] image : images) {
      if (mixtures) {
        for (float[] p : patterns) {
          float u = r.nextFloat();
          for (int i = 0; i < size; i++) {
            image[i] += u * p[i];
          }
        }
      } else {
        for (int i = 0; i < size; i++) {
          image[i] = r.nextFloat();
        }
      }
    }
    InMemoryDataSplit unlabelled =
        InMemoryDataSplit.of(images, new int[n], (int) shape[0], (int) shape[1], (int) shape[2]);
    int[] labels = NetworkForward.predict(net, unlabelled, 64).predictions();
    return InMemoryDataSplit.of(images, labels, (int) shape[0], (int) shape[1], (int) shape[2]);
  }

  static Layer.Conv2d conv(long seed, int out, int in) {
    return new Layer.Conv2d(
        3,
        1,
        1,
        new Weights.FullPrecision(
            TestTensors.randn(seed, Math.sqrt(2.0 / (9 * in)), out, in, 3, 3)),
        TestTensors.randn(seed + 1, 0.05, out));
  }

  static Layer.BatchNorm batchNorm(long seed, int channels) {
    return new Layer.BatchNorm(
        TestTensors.uniform(seed, 0.5, 1.5, channels),
        TestTensors.randn(seed + 1, 0.1, channels),
        TestTensors.randn(seed + 2, 0.1, channels),
        TestTensors.uniform(seed + 3, 0.5, 1.5, channels),
        1e-5);
  }

  static Layer.Dense dense(long seed, int out, int in) {
    return new Layer.Dense(
        new Weights.FullPrecision(TestTensors.randn(seed, Math.sqrt(1.0 / in), out, in)),
        TestTensors.randn(seed + 1, 0.05, out));
  }

  /**
   * conv(4) - relu - maxpool - conv(8) - relu - maxpool - flatten - fc(10) on [1, 8, 8]; or with
   * the pools before the ReLUs.
   */
  static Network maxPoolCnn(boolean poolBeforeRelu) {
    List<Node> nodes = new ArrayList<>();
    nodes.add(Node.of("conv1", conv(1, 4, 1), Network.INPUT));
    String last = "conv1";
    for (int block = 1; block <= 2; block++) {
      if (block == 2) {
        nodes.add(Node.of("conv2", conv(3, 8, 4), last));
        last = "conv2";
      }
      if (poolBeforeRelu) {
        nodes.add(Node.of("pool" + block, new Layer.MaxPool2d(2, 2), last));
        nodes.add(Node.of("relu" + block, new Layer.Relu(), "pool" + block));
        last = "relu" + block;
      } else {
        nodes.add(Node.of("relu" + block, new Layer.Relu(), last));
        nodes.add(Node.of("pool" + block, new Layer.MaxPool2d(2, 2), "relu" + block));
        last = "pool" + block;
      }
    }
    nodes.add(Node.of("flatten", new Layer.Flatten(), last));
    nodes.add(Node.of("fc", dense(5, 10, 8 * 2 * 2), "flatten"));
    return new Network("maxpool-cnn", new long[] {1, 8, 8}, nodes, "fc");
  }

  /**
   * conv0 - relu0 - [conv1 - bn1 - relu1 - conv2 - bn2] + identity - relu2 - avgpool - flatten -
   * fc(10) on [1, 8, 8].
   */
  static Network residualNet() {
    List<Node> nodes = new ArrayList<>();
    nodes.add(Node.of("conv0", conv(11, 4, 1), Network.INPUT));
    nodes.add(Node.of("relu0", new Layer.Relu(), "conv0"));
    nodes.add(Node.of("conv1", conv(13, 4, 4), "relu0"));
    nodes.add(Node.of("bn1", batchNorm(15, 4), "conv1"));
    nodes.add(Node.of("relu1", new Layer.Relu(), "bn1"));
    nodes.add(Node.of("conv2", conv(17, 4, 4), "relu1"));
    nodes.add(Node.of("bn2", batchNorm(19, 4), "conv2"));
    nodes.add(new Node("add", new Layer.Add(), List.of("bn2", "relu0")));
    nodes.add(Node.of("relu2", new Layer.Relu(), "add"));
    nodes.add(Node.of("pool", new Layer.AvgPool2d(2, 2), "relu2"));
    nodes.add(Node.of("flatten", new Layer.Flatten(), "pool"));
    nodes.add(Node.of("fc", dense(21, 10, 4 * 4 * 4), "flatten"));
    return new Network("residual", new long[] {1, 8, 8}, nodes, "fc");
  }

  /**
   * The {@code resnet-small} model plugin (stages of 4 and 8 channels, one block each: an identity
   * and a projection shortcut) on [1, 8, 8] with 10 classes. Its batch norms get random statistics
   * as training would leave them, so that folding them changes the weights; its classifier gets the
   * scale of {@link #dense} and is centred: each class's bias is lowered by its mean score on 100
   * other mixture images (as a trained classifier is centred on its data). Without that, global
   * average pooling of random images gives so nearly equal features that the ANN picks one class
   * for almost every image, and agreement with it would say little.
   */
  static Network resnetSmall() {
    DatasetInfo info =
        new DatasetInfo(
            "random",
            1,
            8,
            8,
            java.util.stream.IntStream.range(0, 10).mapToObj(i -> "class" + i).toList(),
            Map.of(),
            Map.of());
    Network built =
        plugin(
                StageKind.MODEL,
                "resnet-small",
                Architecture.class,
                Map.of("widths", List.of(4, 8), "blocks", List.of(1, 1)))
            .build(info, new TestRunContext(0));
    long[] seed = {100};
    Network random =
        built.mapNodes(
            node -> {
              if (node.layer() instanceof Layer.BatchNorm bn) {
                return node.withLayer(batchNorm(seed[0] += 10, (int) bn.gamma().length()));
              }
              return node.name().equals(built.output())
                  ? node.withLayer(dense(seed[0] += 10, 10, 8))
                  : node;
            });
    InMemoryDataSplit calibration = labelledByTheAnn(random, 100, 99, true);
    float[][] scores = NetworkForward.predict(random, calibration, 100).scores();
    Layer.Dense fc = (Layer.Dense) random.node(random.output()).layer();
    float[] bias = fc.bias().toFloatVector();
    for (int c = 0; c < bias.length; c++) {
      double mean = 0;
      for (float[] row : scores) {
        mean += row[c] / scores.length;
      }
      bias[c] -= (float) mean;
    }
    Layer.Dense centred =
        new Layer.Dense(fc.weights(), org.nd4j.linalg.factory.Nd4j.createFromArray(bias));
    return random.mapNodes(
        node -> node.name().equals(random.output()) ? node.withLayer(centred) : node);
  }
}
