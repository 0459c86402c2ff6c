package org.bsnn.experiments.conversion;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.Architecture;
import org.bsnn.api.stage.Binarizer;
import org.bsnn.api.stage.Converter;
import org.bsnn.api.stage.DatasetSource;
import org.bsnn.api.stage.Simulator;
import org.bsnn.api.stage.StageKind;
import org.bsnn.api.stage.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * QCFS activations (Bu et al., ICLR 2022) on real data, through the plugin registry as the runner
 * uses it: a small vgg-small with QCFS activations (L = 4), trained briefly on a Fashion-MNIST
 * subset in full precision and with XNOR binary weights, works as an ANN, and its conversion with
 * no normalizer (the trained clip values are the thresholds) comes close to it within a few times L
 * timesteps.
 */
class QcfsFashionMnistTest {

  private static final int LEVELS = 4;
  private static final int TIMESTEPS = 8 * LEVELS;
  private static final int IMAGES = 500;

  private static Dataset data;

  @TempDir Path tmp;

  @BeforeAll
  static void openData() {
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.exists(here.resolve("bsnn")) ? here : here.getParent();
    Path cache = root.resolve("datasets").resolve("cache");
    assumeTrue(
        Files.isRegularFile(cache.resolve("fashion-mnist").resolve("t10k-images-idx3-ubyte.gz")),
        "Fashion-MNIST is not in datasets/cache (run `./bsnn data fetch fashion-mnist`); skipped");
    data =
        ConversionPipeline.plugin(
                StageKind.DATASET,
                "fashion-mnist",
                DatasetSource.class,
                Map.of(
                    "cacheDir",
                    cache.toString(),
                    "autoFetch",
                    false,
                    "trainLimit",
                    4000,
                    "testLimit",
                    IMAGES))
            .open(new TestRunContext(0));
  }

  @ParameterizedTest(name = "binarize: {0}")
  @ValueSource(strings = {"none", "xnor-bwn"})
  void trainedQcfsNetworkConvertsWithItsOwnThresholds(String binarize) {
    Network initial =
        ConversionPipeline.plugin(
                StageKind.MODEL,
                "vgg-small",
                Architecture.class,
                Map.of(
                    "layers",
                    "c8p-c16p-fc32-fc10",
                    "dropout",
                    0.0,
                    "qcfsLevels",
                    LEVELS,
                    "qcfsLambda",
                    2.0))
            .build(data.info(), new TestRunContext(0, "model", "vgg-small", tmp));
    Optional<Binarizer> binarizer =
        binarize.equals("none")
            ? Optional.empty()
            : Optional.of(
                ConversionPipeline.plugin(StageKind.BINARIZE, binarize, Binarizer.class, Map.of()));
    Network trained =
        ConversionPipeline.plugin(
                StageKind.TRAIN,
                "adam",
                Trainer.class,
                Map.of("epochs", 2, "batchSize", 64, "learningRate", 0.005, "weightDecay", 0.0))
            .train(
                Optional.of(initial), data, binarizer, new TestRunContext(0, "train", "adam", tmp));
    Network ann = binarizer.map(b -> b.apply(trained)).orElse(trained);
    List<Double> lambdas =
        ann.nodes().stream()
            .map(Node::layer)
            .filter(l -> l.type().equals("qcfs"))
            .map(l -> ((org.bsnn.api.network.Layer.Qcfs) l).lambda())
            .toList();
    assertTrue(
        lambdas.size() == 3 && lambdas.stream().noneMatch(l -> l == 2.0),
        "every QCFS layer's lambda was trained: " + lambdas);

    double annAccuracy = NetworkForward.predict(ann, data.test(), 100).accuracy();
    SpikingNetwork snn =
        ConversionPipeline.plugin(StageKind.CONVERT, "if-neuron", Converter.class, Map.of())
            .convert(ann, LayerScales.unit(), new TestRunContext(0));
    SimulationTrace trace =
        ConversionPipeline.plugin(
                StageKind.SIMULATE,
                "time-stepped",
                Simulator.class,
                Map.of("timesteps", TIMESTEPS, "batchSize", 250))
            .simulate(
                snn,
                data.test(),
                List.of(),
                new TestRunContext(0, "simulate", "time-stepped", null));
    double snnAccuracy = trace.finalAccuracy();
    System.out.printf(
        "qcfs L=%d %s: lambdas %s, ANN %.2f%%, SNN after %d timesteps %.2f%% on %d images%n",
        LEVELS, binarize, lambdas, 100 * annAccuracy, TIMESTEPS, 100 * snnAccuracy, IMAGES);
    assertTrue(annAccuracy > 0.6, binarize + ": ANN accuracy " + annAccuracy + " (chance 0.1)");
    assertTrue(
        snnAccuracy >= annAccuracy - 0.05,
        binarize + ": SNN " + snnAccuracy + " after " + TIMESTEPS + " steps vs ANN " + annAccuracy);
  }
}
