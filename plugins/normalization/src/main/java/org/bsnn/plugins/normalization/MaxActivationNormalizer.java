package org.bsnn.plugins.normalization;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkChecks;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Normalizer;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Data-based threshold balancing with the maximum activation (Diehl et al. 2015): lambda of each
 * ReLU is the largest value it takes on the calibration images. Streams over batches, keeping one
 * running maximum per layer.
 */
public final class MaxActivationNormalizer implements Normalizer {

  private final MaxActivationConfig config;

  /** A normalizer over the configured calibration set. */
  public MaxActivationNormalizer(MaxActivationConfig config) {
    this.config = config;
  }

  @Override
  public LayerScales calibrate(Network ann, DataSplit calibration, RunContext context) {
    DataSplit images = calibration.head(config.samples());
    Map<String, Double> max = new LinkedHashMap<>();
    ann.nodes().stream()
        .filter(n -> n.layer().isSpikingActivation())
        .forEach(n -> max.put(n.name(), 0.0));
    OutputMaximum output = new OutputMaximum(ann);
    Iterator<Batch> batches = images.batches(config.batchSize());
    while (batches.hasNext()) {
      try (Batch batch = batches.next()) {
        NetworkForward.run(
                ann,
                batch.features(),
                NetworkChecks.finiteActivations(
                    (node, activation) -> {
                      if (max.containsKey(node.name())) {
                        max.merge(node.name(), activation.maxNumber().doubleValue(), Math::max);
                      }
                      output.offer(node, activation);
                    },
                    "on the calibration images of normalizer 'max-activation'"))
            .close();
      }
    }
    Map<String, INDArray> scales = new LinkedHashMap<>();
    Map<String, Double> recorded = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : max.entrySet()) {
      if (!(e.getValue() > 0)) {
        throw new UserFacingException(
            "layer '"
                + e.getKey()
                + "' never activated on "
                + images.size()
                + " calibration images (max activation 0), so it has no threshold; use more calibration samples (samples > "
                + config.samples()
                + ") or check the trained network");
      }
      scales.put(e.getKey(), Nd4j.scalar(DataType.FLOAT, e.getValue().floatValue()).reshape(1));
      recorded.put(e.getKey(), e.getValue());
    }
    context.provenance("lambda", recorded);
    context.provenance("calibrationImages", images.size());
    output.addTo(scales, context);
    return new LayerScales(scales);
  }
}
