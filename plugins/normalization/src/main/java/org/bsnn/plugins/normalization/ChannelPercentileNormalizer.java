package org.bsnn.plugins.normalization;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
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
 * Channel-wise threshold balancing: one lambda per output channel of each ReLU (per feature for
 * flat layers), the percentile of that channel's post-ReLU activations over the calibration images
 * (Rueckauer et al. 2017 suggest finer-grained normalization; Kim et al. 2020, "Spiking-YOLO", use
 * channel-wise maxima). The converter turns the lambdas into per-channel thresholds or
 * per-output-channel weight scaling, and scales the next layer's inputs by them.
 *
 * <p>Exact and streaming like {@link PercentileNormalizer}: NumPy's linear percentile per channel,
 * keeping only each channel's top values ({@link TopValues}); without zeros, a first pass counts
 * each channel's non-zero values.
 *
 * <p>A channel whose percentile is 0 (it is mostly or always silent on the calibration images) gets
 * its own maximum activation instead, and a channel that never activated gets the largest lambda of
 * its layer, so it is at least not more excitable than its neighbours; both are logged and recorded
 * in provenance ({@code fallbackChannels}). A layer with no active channel at all is an error.
 */
public final class ChannelPercentileNormalizer implements Normalizer {

  private final ChannelPercentileConfig config;

  /** A normalizer with the given percentile and calibration set. */
  public ChannelPercentileNormalizer(ChannelPercentileConfig config) {
    this.config = config;
  }

  @Override
  public LayerScales calibrate(Network ann, DataSplit calibration, RunContext context) {
    DataSplit images = calibration.head(config.samples());
    List<Node> relus = ann.nodes().stream().filter(n -> n.layer().isSpikingActivation()).toList();
    Map<String, long[]> shapes = NetworkForward.shapes(ann);
    Map<String, long[]> population = new LinkedHashMap<>();
    if (config.includeZeros()) {
      for (Node relu : relus) {
        long[] shape = shapes.get(relu.name());
        long[] n = new long[(int) shape[0]];
        java.util.Arrays.fill(n, perChannel(shape) * images.size());
        population.put(relu.name(), n);
      }
    } else {
      relus.forEach(r -> population.put(r.name(), new long[(int) shapes.get(r.name())[0]]));
      forEachActivation(
          ann,
          images,
          (node, activation) -> {
            long[] counts = population.get(node.name());
            if (counts != null) {
              try (INDArray nonZero = activation.neq(0);
                  INDArray asFloat = nonZero.castTo(DataType.FLOAT);
                  INDArray perChannel =
                      asFloat.rank() == 4 ? asFloat.sum(0, 2, 3) : asFloat.sum(0)) {
                double[] c = perChannel.toDoubleVector();
                for (int k = 0; k < counts.length; k++) {
                  counts[k] += Math.round(c[k]);
                }
              }
            }
          });
    }
    Map<String, TopValues[]> top = new LinkedHashMap<>();
    for (Node relu : relus) {
      long[] n = population.get(relu.name());
      TopValues[] perChannel = new TopValues[n.length];
      for (int c = 0; c < n.length; c++) {
        perChannel[c] =
            n[c] == 0 ? null : new TopValues(TopValues.needed(config.percentile(), n[c]));
      }
      top.put(relu.name(), perChannel);
    }
    OutputMaximum output = new OutputMaximum(ann);
    forEachActivation(
        ann,
        images,
        (node, activation) -> {
          output.offer(node, activation);
          TopValues[] values = top.get(node.name());
          if (values != null) {
            float[] byChannel = channelMajor(activation);
            int chunk = byChannel.length / values.length;
            for (int c = 0; c < values.length; c++) {
              if (values[c] != null) {
                values[c].offer(byChannel, c * chunk, (c + 1) * chunk);
              }
            }
          }
        });
    Map<String, INDArray> scales = new LinkedHashMap<>();
    Map<String, List<Double>> recorded = new LinkedHashMap<>();
    Map<String, List<String>> fallbacks = new LinkedHashMap<>();
    for (Node relu : relus) {
      long[] n = population.get(relu.name());
      TopValues[] values = top.get(relu.name());
      double[] lambda = new double[n.length];
      double layerMax = 0;
      List<String> notes = new ArrayList<>();
      for (int c = 0; c < n.length; c++) {
        if (values[c] == null) {
          continue;
        }
        lambda[c] = values[c].percentile(config.percentile(), n[c]);
        float[] sorted = values[c].sorted();
        double max = sorted.length == 0 ? 0 : sorted[sorted.length - 1];
        if (!(lambda[c] > 0) && max > 0) {
          lambda[c] = max;
          notes.add(c + ": percentile 0, own maximum " + max);
        }
        layerMax = Math.max(layerMax, lambda[c]);
      }
      if (!(layerMax > 0)) {
        throw new UserFacingException(
            "layer '"
                + relu.name()
                + "' never activated on "
                + images.size()
                + " calibration images, so it has no threshold; use a larger calibration set (samples > "
                + config.samples()
                + ")"
                + " or check the trained network");
      }
      for (int c = 0; c < n.length; c++) {
        if (!(lambda[c] > 0)) {
          lambda[c] = layerMax;
          notes.add(c + ": never active, layer maximum " + layerMax);
        }
      }
      if (!notes.isEmpty()) {
        context
            .log()
            .warn(
                "layer '"
                    + relu.name()
                    + "': "
                    + notes.size()
                    + " of "
                    + n.length
                    + " channels had no positive percentile on the calibration images and got a fallback lambda (see provenance fallbackChannels)");
        fallbacks.put(relu.name(), notes);
      }
      float[] f = new float[lambda.length];
      List<Double> boxed = new ArrayList<>();
      for (int c = 0; c < f.length; c++) {
        f[c] = (float) lambda[c];
        boxed.add(lambda[c]);
      }
      scales.put(relu.name(), Nd4j.create(f, new long[] {f.length}, 'c'));
      recorded.put(relu.name(), boxed);
    }
    context.provenance("lambda", recorded);
    context.provenance("calibrationImages", images.size());
    output.addTo(scales, context);
    if (!fallbacks.isEmpty()) {
      context.provenance("fallbackChannels", fallbacks);
    }
    return new LayerScales(scales);
  }

  private static long perChannel(long[] shape) {
    long n = 1;
    for (int i = 1; i < shape.length; i++) {
      n *= shape[i];
    }
    return n;
  }

  /** The activation's values grouped by channel: channel c's n*h*w values are contiguous. */
  private static float[] channelMajor(INDArray activation) {
    INDArray view =
        activation.rank() == 4 ? activation.permute(1, 0, 2, 3) : activation.transpose();
    try (INDArray copy = view.dup('c')) {
      return copy.data().asFloat();
    }
  }

  private void forEachActivation(Network ann, DataSplit images, BiConsumer<Node, INDArray> tap) {
    Iterator<Batch> batches = images.batches(config.batchSize());
    while (batches.hasNext()) {
      try (Batch batch = batches.next()) {
        NetworkForward.run(
                ann,
                batch.features(),
                NetworkChecks.finiteActivations(
                    tap, "on the calibration images of normalizer 'channel-percentile'"))
            .close();
      }
    }
  }
}
