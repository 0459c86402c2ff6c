package org.bsnn.plugins.optimization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.InputEncoder;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.SimulationLoop;
import org.bsnn.api.snn.SpikingDynamics;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.snn.StepObserver;
import org.bsnn.api.stage.Optimizer;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Post-conversion calibration, the "light" pipeline of Li, Deng, Dong &amp; Gu 2021 ("A Free Lunch
 * From ANN: Towards Efficient, Accurate Spiking Neural Networks Calibration", ICML): layer by layer
 * from the input, the SNN (every earlier layer already corrected) runs T timesteps on a few random
 * training images, and each integrate-and-fire layer's mean output per channel, {@code rate ×
 * threshold}, is compared with the ANN's activation there; the mean difference per channel is added
 * to the layer's bias (bias correction: the expected output then matches the ANN's), or T times it
 * to the initial potential (potential correction).
 *
 * <p>The ANN side is the converted network's own IR forward: each spiking node's current from its
 * sources' activations, through its projections' IR ops ({@link LayerOps}, max pooling as plain
 * pooling), clipped to {@code [0, threshold]}. That is the ANN's ReLU activation clipped at the
 * normalizer's lambda, in the spiking network's units, so it is exactly what a perfect rate code
 * would give, whatever converter, normalizer or design-time optimizer produced the network.
 *
 * <p>The SNN side uses the simulators' dynamics in {@link SimulationLoop} (see {@link
 * CalibrationKernel}). A layer whose bias cannot absorb a per-channel shift exactly (an op other
 * than average pooling or dropout after its weighted op, or a per-neuron projection scale) is left
 * unchanged and recorded as skipped under the bias target. Provenance records per layer the mean
 * absolute shift, in current units and in thresholds.
 */
public final class BiasCalibrationOptimizer implements Optimizer {

  private final BiasCalibrationConfig config;

  /** A calibration with the given images, length and target. */
  public BiasCalibrationOptimizer(BiasCalibrationConfig config) {
    this.config = config;
  }

  /** Calibration needs training images: the job runner calls the hook with the training split. */
  @Override
  public SpikingNetwork prepare(SpikingNetwork network, RunContext context) {
    throw new UserFacingException(
        "bias-calibration needs training images; it runs as an optimizer stage of a job, which"
            + " hands it the training split");
  }

  @Override
  public SpikingNetwork prepare(SpikingNetwork network, DataSplit train, RunContext context) {
    Map<String, long[]> shapes;
    try {
      shapes = SpikingDynamics.shapes(network);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("bias-calibration: " + e.getMessage(), e);
    }
    DataSplit images =
        ImageSubset.draw(train, config.images(), context.random("calibration-images"));
    Map<String, double[]> ann = annMeans(network, images, shapes);
    List<SpikingNode> nodes = new ArrayList<>(network.nodes());
    Map<String, Double> meanShift = new LinkedHashMap<>();
    Map<String, Double> meanShiftOfThreshold = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    SimulationLoop loop = new SimulationLoop(config.timesteps(), config.batchSize());
    long spikingLayers = network.spikingLayerCount();
    try (Progress progress =
        context.progress(
            "bias-calibration (image-timesteps)",
            spikingLayers * config.timesteps() * images.size())) {
      for (int j = 0; j < nodes.size(); j++) {
        SpikingNode node = nodes.get(j);
        if (!(node.neuron() instanceof Neuron.IntegrateAndFire neuron)) {
          continue;
        }
        long[] shape = shapes.get(node.name());
        SpikingNetwork current = network.withNodes(nodes, "bias-calibration", "in progress");
        double[] snn =
            snnMeans(current, nodes.subList(0, j + 1), images, shape, loop, progress, context);
        double[] target = ann.get(node.name());
        double[] shift = new double[target.length];
        for (int c = 0; c < shift.length; c++) {
          shift[c] = target[c] - snn[c];
        }
        Corrected corrected = correct(node, neuron, shift, shape);
        if (corrected.skipped() != null) {
          skipped.put(node.name(), corrected.skipped());
          continue;
        }
        nodes.set(j, corrected.node());
        double abs = 0;
        for (double s : shift) {
          abs += Math.abs(s);
        }
        abs /= shift.length;
        meanShift.put(node.name(), abs);
        meanShiftOfThreshold.put(node.name(), abs / neuron.threshold().meanNumber().doubleValue());
      }
    }
    context.provenance("calibrationImages", images.size());
    context.provenance("calibrationTimesteps", config.timesteps());
    context.provenance("calibrationTarget", config.target().name().toLowerCase());
    context.provenance("calibratedLayers", List.copyOf(meanShift.keySet()));
    context.provenance("meanAbsShift", meanShift);
    context.provenance("meanAbsShiftInThresholds", meanShiftOfThreshold);
    if (!skipped.isEmpty()) {
      context.provenance("skippedLayers", skipped);
      context.log().info("bias-calibration left layers unchanged: " + skipped);
    }
    return network.withNodes(nodes, "bias-calibration", meanShiftOfThreshold);
  }

  /**
   * Per spiking node, the mean per channel over the images of its ANN activation clipped to {@code
   * [0, threshold]}, in current units.
   */
  private static Map<String, double[]> annMeans(
      SpikingNetwork network, DataSplit images, Map<String, long[]> shapes) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    var batches = images.batches(64);
    while (batches.hasNext()) {
      try (Batch batch = batches.next()) {
        Map<String, INDArray> rates = new LinkedHashMap<>();
        for (SpikingNode node : network.nodes()) {
          if (!(node.neuron() instanceof Neuron.IntegrateAndFire neuron)) {
            continue; // the readout: nothing to calibrate
          }
          INDArray current = null;
          for (Projection p : node.inputs()) {
            INDArray source =
                p.source().equals(SpikingNetwork.INPUT) ? batch.features() : rates.get(p.source());
            INDArray c = analog(p, source);
            if (current == null) {
              current = c;
            } else {
              current.addi(c);
              c.close();
            }
          }
          INDArray theta = SpikingDynamics.aligned(neuron.threshold(), current.rank());
          // clip(current, 0, θ): the activation a perfect rate code reproduces
          INDArray clipped = Transforms.relu(current, false);
          try (INDArray over = clipped.sub(theta)) {
            Transforms.relu(over, false);
            clipped.subi(over);
          }
          add(sums, node.name(), perChannel(clipped, shapes.get(node.name())));
          rates.put(node.name(), clipped.divi(theta));
        }
        rates.values().forEach(INDArray::close);
      }
    }
    sums.values()
        .forEach(
            s -> {
              for (int c = 0; c < s.length; c++) {
                s[c] /= images.size();
              }
            });
    return sums;
  }

  /** A projection on activations: its IR ops (max pooling as pooling), then its scale. */
  private static INDArray analog(Projection p, INDArray source) {
    INDArray x = source;
    for (Layer op : p.ops()) {
      INDArray y = LayerOps.apply(op, x);
      if (x != source) {
        x.close();
      }
      x = y;
    }
    if (x == source) {
      x = source.dup();
    }
    if (p.scale() != null) {
      x.muli(SpikingDynamics.aligned(p.scale(), x.rank()));
    }
    return x;
  }

  /**
   * The last of {@code prefix}'s mean output per channel over the images after T steps: spikes per
   * step times threshold, in current units.
   */
  private double[] snnMeans(
      SpikingNetwork network,
      List<SpikingNode> prefix,
      DataSplit images,
      long[] shape,
      SimulationLoop loop,
      Progress progress,
      RunContext context) {
    SpikingNode last = prefix.get(prefix.size() - 1);
    Neuron.IntegrateAndFire neuron = (Neuron.IntegrateAndFire) last.neuron();
    List<SpikingNode> nodes = List.copyOf(prefix);
    double[][] sum = new double[1][];
    int steps = loop.timesteps();
    StepObserver<CalibrationKernel> observer =
        new StepObserver<>() {
          @Override
          public void beginBatch(Batch batch, int first) {}

          @Override
          public int[] afterStep(int t, CalibrationKernel kernel, int[] live) {
            if (t == steps && kernel.counts() != null) {
              INDArray counts = kernel.counts();
              try (INDArray out =
                  counts.mul(SpikingDynamics.aligned(neuron.threshold(), counts.rank()))) {
                out.divi(steps);
                double[] s = perChannel(out, shape);
                if (sum[0] == null) {
                  sum[0] = s;
                } else {
                  for (int c = 0; c < s.length; c++) {
                    sum[0][c] += s[c];
                  }
                }
              }
            }
            return live;
          }
        };
    // one Poisson stream per calibrated layer, as in the spike-based normalizer
    InputEncoder encoder =
        InputEncoder.perSample(network.encoding(), context.random("poisson:" + last.name()));
    loop.run(
        images,
        0,
        images.size(),
        encoder,
        (samples, constant) -> new CalibrationKernel(network, nodes, samples, constant),
        observer,
        progress);
    double[] mean = sum[0] == null ? new double[(int) shape[0]] : sum[0];
    for (int c = 0; c < mean.length; c++) {
      mean[c] /= images.size();
    }
    return mean;
  }

  /**
   * Per channel, the sum over the batch of the mean over positions: [n, c, h, w] or [n, f] to [c]
   * or [f].
   */
  private static double[] perChannel(INDArray a, long[] shape) {
    long channels = shape[0];
    long n = a.size(0);
    long positions = a.length() / n / channels;
    double[] out;
    try (INDArray c = a.dup('c');
        INDArray flat = c.reshape('c', n, channels, positions);
        INDArray s = flat.sum(0, 2);
        INDArray d = s.castTo(DataType.DOUBLE)) {
      out = d.dup().data().asDouble();
    }
    for (int k = 0; k < out.length; k++) {
      out[k] /= positions;
    }
    return out;
  }

  /** A float copy, never the array itself (so that closing it cannot free a neuron's state). */
  private static INDArray floatCopy(INDArray a) {
    return a.dataType() == DataType.FLOAT ? a.dup() : a.castTo(DataType.FLOAT);
  }

  private static void add(Map<String, double[]> sums, String name, double[] s) {
    double[] old = sums.putIfAbsent(name, s);
    if (old != null) {
      for (int c = 0; c < s.length; c++) {
        old[c] += s[c];
      }
    }
  }

  private record Corrected(SpikingNode node, String skipped) {}

  /** The node with the shift (current units, per channel) absorbed by the configured target. */
  private Corrected correct(
      SpikingNode node, Neuron.IntegrateAndFire neuron, double[] shift, long[] shape) {
    return switch (config.target()) {
      case BIAS -> BiasShift.apply(node, shift);
      case POTENTIAL -> new Corrected(potential(node, neuron, shift, shape), null);
    };
  }

  /**
   * The initial potential plus T times the shift, kept below the threshold (a neuron may not fire
   * without input).
   */
  private SpikingNode potential(
      SpikingNode node, Neuron.IntegrateAndFire neuron, double[] shift, long[] shape) {
    float[] total = new float[shift.length];
    for (int c = 0; c < shift.length; c++) {
      total[c] = (float) (shift[c] * config.timesteps());
    }
    long[] channelShape = shape.length == 3 ? new long[] {shape[0], 1, 1} : new long[] {shape[0]};
    INDArray v0 = Nd4j.zeros(DataType.FLOAT, shape);
    INDArray theta = Nd4j.zeros(DataType.FLOAT, shape);
    try (INDArray t = Nd4j.create(total, channelShape, 'c');
        INDArray start = floatCopy(neuron.initialPotential());
        INDArray th = floatCopy(neuron.threshold())) {
      v0.addi(SpikingDynamics.aligned(start, shape.length)).addi(t);
      theta.addi(SpikingDynamics.aligned(th, shape.length)).muli(1 - 1e-3);
    }
    INDArray kept = Transforms.min(v0, theta, false);
    theta.close();
    return new SpikingNode(node.name(), node.inputs(), neuron.with(neuron.threshold(), kept));
  }

  /** Shifting the bias of a node's weighted op per channel. */
  private static final class BiasShift {
    private BiasShift() {}

    static Corrected apply(SpikingNode node, double[] shift) {
      String reason =
          "no projection whose weighted op is followed only by average pooling or dropout";
      List<Projection> projections = new ArrayList<>(node.inputs());
      for (int k = 0; k < projections.size(); k++) {
        Projection p = projections.get(k);
        int w = lastWeighted(p.ops());
        if (w < 0 || !followedByChannelPreservingOps(p.ops(), w)) {
          continue;
        }
        Layer.Weighted weighted = p.ops().get(w).asWeighted().orElseThrow();
        if (weighted.weights().outputs() != shift.length) {
          continue;
        }
        float[] perScale = scales(p.scale(), shift.length);
        if (perScale == null) {
          reason = "its projection scale is per neuron, not per channel";
          continue;
        }
        float[] bias = new float[shift.length];
        if (weighted.bias() != null) {
          bias = weighted.bias().castTo(DataType.FLOAT).dup('c').data().asFloat();
        }
        for (int c = 0; c < bias.length; c++) {
          bias[c] += (float) (shift[c] / perScale[c]);
        }
        List<Layer> ops = new ArrayList<>(p.ops());
        ops.set(
            w,
            weighted.withParameters(
                weighted.weights(), Nd4j.create(bias, new long[] {bias.length}, 'c')));
        projections.set(k, new Projection(p.source(), ops, p.scale()));
        return new Corrected(new SpikingNode(node.name(), projections, node.neuron()), null);
      }
      return new Corrected(null, reason);
    }

    private static int lastWeighted(List<Layer> ops) {
      for (int i = ops.size() - 1; i >= 0; i--) {
        if (ops.get(i).hasWeights()) {
          return i;
        }
      }
      return -1;
    }

    /** Ops that carry a per-channel constant through unchanged. */
    private static boolean followedByChannelPreservingOps(List<Layer> ops, int w) {
      for (int i = w + 1; i < ops.size(); i++) {
        boolean keeps =
            switch (ops.get(i)) {
              case Layer.AvgPool2d pool -> true;
              case Layer.Dropout dropout -> true;
              case Layer.Conv2d conv -> false;
              case Layer.Dense dense -> false;
              case Layer.MaxPool2d pool -> false;
              case Layer.BatchNorm bn -> false;
              case Layer.Flatten flatten -> false;
              case Layer.Relu relu -> false;
              case Layer.Qcfs qcfs -> false;
              case Layer.Sign sign -> false;
              case Layer.Add add -> false;
            };
        if (!keeps) {
          return false;
        }
      }
      return true;
    }

    /** The projection's scale per channel (1 without one), or null when it is per neuron. */
    private static float[] scales(INDArray scale, int channels) {
      float[] s = new float[channels];
      if (scale == null) {
        java.util.Arrays.fill(s, 1f);
        return s;
      }
      float[] v = scale.castTo(DataType.FLOAT).dup('c').data().asFloat();
      if (v.length == 1) {
        java.util.Arrays.fill(s, v[0]);
        return s;
      }
      return v.length == channels ? v : null;
    }
  }
}
