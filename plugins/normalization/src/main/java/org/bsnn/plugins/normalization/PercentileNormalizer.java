package org.bsnn.plugins.normalization;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkChecks;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Normalizer;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Layer-wise threshold balancing with a percentile of the ANN's post-ReLU activations (Rueckauer et
 * al. 2017; Lu &amp; Sengupta 2020, whose reference code uses the 99.7th percentile of 128 training
 * images, zeros included, and whose published runs use 99.9 and 3,500 images).
 *
 * <p>Exact and streaming: the percentile follows NumPy's default linear interpolation over all
 * activation values of a layer, but only the top fraction of values is kept ({@link TopValues}), so
 * 3,500 calibration images never form one tensor. Without zeros, a first pass counts the non-zero
 * values.
 */
public final class PercentileNormalizer implements Normalizer {

  private final PercentileConfig config;

  /** A normalizer with the given percentile and calibration set. */
  public PercentileNormalizer(PercentileConfig config) {
    this.config = config;
  }

  @Override
  public LayerScales calibrate(Network ann, DataSplit calibration, RunContext context) {
    DataSplit images = calibration.head(config.samples());
    List<Node> relus = ann.nodes().stream().filter(n -> n.layer().isSpikingActivation()).toList();
    Map<String, Long> population =
        config.includeZeros() ? sizes(ann, relus, images.size()) : countNonZero(ann, relus, images);
    Map<String, TopValues> top = new LinkedHashMap<>();
    for (Node relu : relus) {
      long n = population.get(relu.name());
      if (n == 0) {
        throw new UserFacingException(
            "layer '"
                + relu.name()
                + "' never activated on "
                + images.size()
                + " calibration images, so it has no threshold; use more calibration samples (samples > "
                + config.samples()
                + ")");
      }
      top.put(relu.name(), new TopValues(TopValues.needed(config.percentile(), n)));
    }
    OutputMaximum output = new OutputMaximum(ann);
    forEachActivation(
        ann,
        images,
        (node, activation) -> {
          output.offer(node, activation);
          TopValues values = top.get(node.name());
          if (values != null) {
            values.offer(activation.dup('c').data().asFloat());
          }
        });
    Map<String, INDArray> scales = new LinkedHashMap<>();
    Map<String, Double> recorded = new LinkedHashMap<>();
    for (Node relu : relus) {
      double lambda =
          top.get(relu.name()).percentile(config.percentile(), population.get(relu.name()));
      if (!(lambda > 0)) {
        throw new UserFacingException(
            "layer '"
                + relu.name()
                + "': the "
                + config.percentile()
                + "th percentile of its activations on "
                + images.size()
                + " calibration images is 0, so it has no threshold; use a higher percentile, includeZeros: false, "
                + "or more calibration samples");
      }
      scales.put(relu.name(), Nd4j.scalar(DataType.FLOAT, (float) lambda).reshape(1));
      recorded.put(relu.name(), lambda);
    }
    context.provenance("lambda", recorded);
    context.provenance("calibrationImages", images.size());
    output.addTo(scales, context);
    return new LayerScales(scales);
  }

  private static Map<String, Long> sizes(Network ann, List<Node> relus, int images) {
    Map<String, long[]> shapes = NetworkForward.shapes(ann);
    Map<String, Long> out = new LinkedHashMap<>();
    for (Node relu : relus) {
      long perImage = 1;
      for (long d : shapes.get(relu.name())) {
        perImage *= d;
      }
      out.put(relu.name(), perImage * images);
    }
    return out;
  }

  private Map<String, Long> countNonZero(Network ann, List<Node> relus, DataSplit images) {
    Map<String, Long> out = new LinkedHashMap<>();
    relus.forEach(r -> out.put(r.name(), 0L));
    forEachActivation(
        ann,
        images,
        (node, activation) -> {
          if (out.containsKey(node.name())) {
            try (INDArray nonZero = activation.neq(0).castTo(DataType.INT64)) {
              out.merge(node.name(), nonZero.sumNumber().longValue(), Long::sum);
            }
          }
        });
    return out;
  }

  private void forEachActivation(
      Network ann, DataSplit images, java.util.function.BiConsumer<Node, INDArray> tap) {
    Iterator<Batch> batches = images.batches(config.batchSize());
    while (batches.hasNext()) {
      try (Batch batch = batches.next()) {
        NetworkForward.run(
                ann,
                batch.features(),
                NetworkChecks.finiteActivations(
                    tap, "on the calibration images of normalizer 'percentile'"))
            .close();
      }
    }
  }
}
