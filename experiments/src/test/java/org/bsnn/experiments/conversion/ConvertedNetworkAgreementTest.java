package org.bsnn.experiments.conversion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end through the registry (normalizer, if-neuron converter, time-stepped simulator): a CNN
 * with max pooling, a residual network with batch norm and an identity shortcut, and the {@code
 * resnet-small} model plugin (identity and 1x1-projection shortcuts) convert, and at large T their
 * SNN's potential readout agrees with the ANN's argmax on at least 95 % of random inputs.
 */
class ConvertedNetworkAgreementTest {

  private static final int IMAGES = 100;
  private static final int T = 400;

  private static Network network(String name) {
    return switch (name) {
      case "maxpool-cnn" -> ConversionPipeline.maxPoolCnn(false);
      case "maxpool-before-relu" -> ConversionPipeline.maxPoolCnn(true);
      case "residual" -> ConversionPipeline.residualNet();
      case "resnet-small" -> ConversionPipeline.resnetSmall();
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest
  @CsvSource({
    "maxpool-cnn, max-activation",
    "maxpool-before-relu, max-activation",
    "residual, max-activation",
    "resnet-small, max-activation",
    "maxpool-cnn, channel-wise",
    "residual, channel-wise"
  })
  void theSnnAgreesWithTheAnnAtLargeT(String name, String normalizer) {
    Network ann = network(name);
    InMemoryDataSplit data =
        ConversionPipeline.labelledByTheAnn(ann, IMAGES, 7, name.equals("resnet-small"));
    long classes = java.util.Arrays.stream(data.labels()).distinct().count();
    assertTrue(
        classes >= 3,
        name + ": the ANN gives " + classes + " distinct classes; agreement would mean little");
    Map<String, Object> overrides =
        normalizer.equals("channel-wise")
            ? Map.of("samples", IMAGES, "percentile", 100.0)
            : Map.of("samples", IMAGES);
    LayerScales scales = ConversionPipeline.normalize(normalizer, overrides, ann, data);
    SpikingNetwork snn = ConversionPipeline.convert(ann, scales);
    SimulationTrace trace = ConversionPipeline.simulate(snn, data, T);
    double[] accuracy = trace.accuracyByTimestep();
    System.out.printf(
        Locale.ROOT,
        "%s / %s: agreement %.2f at T=50, %.2f at T=100, %.2f at T=%d%n",
        name,
        normalizer,
        accuracy[49],
        accuracy[99],
        trace.finalAccuracy(),
        T);
    assertTrue(
        trace.finalAccuracy() >= 0.95,
        name + " / " + normalizer + ": agreement with the ANN " + trace.finalAccuracy());
  }
}
