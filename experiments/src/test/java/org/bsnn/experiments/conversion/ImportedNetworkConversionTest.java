package org.bsnn.experiments.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.NetworkImporter;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.Converter;
import org.bsnn.api.stage.DatasetSource;
import org.bsnn.api.stage.Normalizer;
import org.bsnn.api.stage.Simulator;
import org.bsnn.api.stage.StageKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Networks trained in PyTorch and imported from ONNX (the interop module's fixtures) convert like
 * the workbench's own: the paper's balancing (99.9th percentile, 3,500 training images), the
 * integrate-and-fire converter and 200 timesteps of the time-stepped simulator on the first 500
 * Fashion-MNIST test images give an SNN within 1 point of its ANN on the same images. Everything is
 * reached through the plugin registry and the importer service, as the runner and CLI do.
 */
class ImportedNetworkConversionTest {

  private static final int IMAGES = 500;

  private static Path root;
  private static Dataset data;

  @BeforeAll
  static void openData() {
    Path here = Path.of("").toAbsolutePath();
    root = Files.exists(here.resolve("bsnn")) ? here : here.getParent();
    Path cache = root.resolve("datasets").resolve("cache");
    assumeTrue(
        Files.isRegularFile(cache.resolve("fashion-mnist").resolve("t10k-images-idx3-ubyte.gz")),
        "Fashion-MNIST is not in datasets/cache (run `./bsnn data fetch fashion-mnist`); skipped");
    data =
        ConversionPipeline.plugin(
                StageKind.DATASET,
                "fashion-mnist",
                DatasetSource.class,
                Map.of("cacheDir", cache.toString(), "autoFetch", false, "testLimit", IMAGES))
            .open(new TestRunContext(0));
  }

  @ParameterizedTest(name = "{0}.onnx")
  @ValueSource(strings = {"vgg", "resnet", "bvgg"})
  void snnComesWithinOnePointOfItsAnn(String model) {
    Path file = root.resolve("plugins/interop/src/test/resources/pytorch").resolve(model + ".onnx");
    NetworkImporter importer =
        NetworkImporter.discover(getClass().getClassLoader()).stream()
            .filter(i -> i.format().equals("onnx"))
            .findFirst()
            .orElseThrow();
    Network ann = importer.read(file, true);
    double annAccuracy = NetworkForward.predict(ann, data.test(), 100).accuracy();

    LayerScales scales =
        ConversionPipeline.plugin(
                StageKind.NORMALIZE,
                "percentile",
                Normalizer.class,
                Map.of("percentile", 99.9, "samples", 3500, "includeZeros", true))
            .calibrate(ann, data.train(), new TestRunContext(0));
    SpikingNetwork snn =
        ConversionPipeline.plugin(StageKind.CONVERT, "if-neuron", Converter.class, Map.of())
            .convert(ann, scales, new TestRunContext(0));
    SimulationTrace trace =
        ConversionPipeline.plugin(
                StageKind.SIMULATE,
                "time-stepped",
                Simulator.class,
                Map.of("timesteps", 200, "batchSize", 250))
            .simulate(
                snn,
                data.test(),
                List.of(),
                new TestRunContext(0, "simulate", "time-stepped", null));
    assertEquals(IMAGES, trace.samples());
    double snnAccuracy = trace.finalAccuracy();
    System.out.printf(
        "%s: ANN %.2f%%, SNN after 200 timesteps %.2f%% on %d images%n",
        model, 100 * annAccuracy, 100 * snnAccuracy, IMAGES);
    assertTrue(
        Math.abs(snnAccuracy - annAccuracy) <= 0.01 + 1e-9,
        model + ": SNN " + snnAccuracy + " vs ANN " + annAccuracy);
  }
}
