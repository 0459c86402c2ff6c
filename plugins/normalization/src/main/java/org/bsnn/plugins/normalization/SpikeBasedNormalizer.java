package org.bsnn.plugins.normalization;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkChecks;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.UnsupportedLayerException;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.InputEncoder;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.SimulationLoop;
import org.bsnn.api.snn.SpikingDynamics;
import org.bsnn.api.snn.StepKernel;
import org.bsnn.api.snn.StepObserver;
import org.bsnn.api.stage.Normalizer;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Spike-Norm (Sengupta et al. 2019, "Going Deeper in Spiking Neural Networks", Algorithm 1):
 * thresholds are balanced layer by layer on the SNN's own input, not on the ANN's activations. For
 * ReLU layer l, in topological order, the network with every earlier ReLU already converted to
 * integrate-and-fire neurons (threshold λ_k, emitting spikes worth λ_k, the converter's
 * layer-threshold form) is simulated on the calibration images for T timesteps, and λ_l is the
 * maximum (or a percentile) over images, timesteps and neurons of layer l's input current {@code W
 * (λ_{l-1} s_{l-1}) + b} at a single timestep. Layer l is then converted and the next layer is
 * balanced.
 *
 * <p>Written in ANN units: Sengupta's threshold {@code v_th,l} on unscaled weights and unit spikes
 * corresponds to {@code λ_l = λ_{l-1} v_th,l} here, which the converter applies like any other
 * lambdas. Because a per-timestep current can exceed the mean (several inputs spiking in the same
 * step), spike-based lambdas are at least the ANN's maximum activation of the first layer (equal
 * under direct input) and usually larger deeper down: fewer clipped neurons, at the cost of lower
 * rates and so more timesteps.
 *
 * <p>Calibration simulates the IR graph itself, with the same dynamics as the simulator ({@link
 * SpikingDynamics}: IF update, max-pooling gate, ReLU before max pooling) and the same loop ({@link
 * SimulationLoop}: batches, input encoding by {@link InputEncoder}, timesteps), whose kernel here
 * is the partially converted graph: all layers within one timestep (same-step propagation), input
 * direct or Poisson (one stream per layer for all images), batch norm and biases added at every
 * step as after folding. Cost: about L(L+1)/2 T N layer evaluations for L ReLU layers; memory is
 * that of one batch.
 */
public final class SpikeBasedNormalizer implements Normalizer {

  private final SpikeBasedConfig config;

  /** A normalizer with the given calibration set and length. */
  public SpikeBasedNormalizer(SpikeBasedConfig config) {
    this.config = config;
  }

  @Override
  public LayerScales calibrate(Network ann, DataSplit calibration, RunContext context) {
    for (Node node : ann.nodes()) {
      // Its calibration runs the network as an SNN, where a binary activation has no meaning.
      if (node.layer().hasNoSpikingEquivalent()) {
        throw new UnsupportedLayerException(
            node,
            "spike-based normalizer",
            "binary activations have no spiking equivalent (the xnor-net baseline is ANN-only)");
      }
    }
    Network net = SpikingDynamics.reluBeforeMaxPool(ann);
    Map<String, long[]> shapes = new HashMap<>(NetworkForward.shapes(net));
    shapes.put(Network.INPUT, net.inputShape());
    DataSplit images = calibration.head(config.samples());
    List<Node> relus = net.nodes().stream().filter(n -> n.layer().isSpikingActivation()).toList();
    Map<String, Double> lambda = new LinkedHashMap<>();
    SimulationLoop loop = new SimulationLoop(config.timesteps(), config.batchSize());
    try (Progress progress =
        context.progress(
            "spike-based calibration (image-timesteps)",
            (long) relus.size() * config.timesteps() * images.size())) {
      for (Node relu : relus) {
        String in = relu.inputs().get(0);
        long population = (long) config.timesteps() * images.size() * size(shapes.get(in));
        // the statistic reads the relu's input, so a bad value is named at the node that made it
        Node probed = net.byName().getOrDefault(in, relu);
        Statistic statistic = new Statistic(probed, config.percentile(), population);
        List<Node> needed = ancestors(net, relu);
        InputEncoder encoder =
            InputEncoder.shared(config.encoding(), context.random("poisson:" + relu.name()));
        loop.run(
            images,
            0,
            images.size(),
            encoder,
            (samples, constant) -> new CalibrationKernel(needed, lambda, samples, constant, in),
            statistic,
            progress);
        double value = statistic.value();
        if (!(value > 0) || !Double.isFinite(value)) {
          throw new UserFacingException(
              "layer '"
                  + relu.name()
                  + "' received no positive input current in "
                  + config.timesteps()
                  + " timesteps on "
                  + images.size()
                  + " calibration images (statistic "
                  + value
                  + "), so it has no threshold;"
                  + " use a larger calibration set (samples > "
                  + config.samples()
                  + "), more timesteps, or check the trained network");
        }
        lambda.put(relu.name(), value);
      }
    }
    Map<String, INDArray> scales = new LinkedHashMap<>();
    lambda.forEach(
        (name, v) -> scales.put(name, Nd4j.scalar(DataType.FLOAT, v.floatValue()).reshape(1)));
    context.provenance("lambda", lambda);
    context.provenance("calibrationImages", images.size());
    context.provenance("calibrationTimesteps", config.timesteps());
    return new LayerScales(scales);
  }

  /** The nodes {@code target} depends on (not itself), in topological order. */
  private static List<Node> ancestors(Network net, Node target) {
    Map<String, Node> byName = net.byName();
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(target.inputs());
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!name.equals(Network.INPUT) && seen.add(name)) {
        todo.addAll(byName.get(name).inputs());
      }
    }
    return net.nodes().stream().filter(n -> seen.contains(n.name())).toList();
  }

  private static long size(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** The maximum, or an exact percentile over a known population (NumPy's linear rule). */
  private static final class Statistic implements StepObserver<CalibrationKernel> {
    private final Node probed;
    private final double percentile;
    private final long population;
    private final TopValues top;
    private double max = Double.NEGATIVE_INFINITY;

    Statistic(Node probed, double percentile, long population) {
      this.probed = probed;
      this.percentile = percentile;
      this.population = population;
      this.top = percentile >= 100 ? null : new TopValues(TopValues.needed(percentile, population));
    }

    void offer(INDArray current) {
      NetworkChecks.requireFiniteActivation(
          probed, current, "in the spiking calibration of normalizer 'spike-based'");
      if (top == null) {
        max = Math.max(max, current.maxNumber().doubleValue());
      } else {
        try (INDArray copy = current.dup('c')) {
          top.offer(copy.data().asFloat());
        }
      }
    }

    @Override
    public void beginBatch(Batch batch, int first) {}

    @Override
    public int[] afterStep(int t, CalibrationKernel kernel, int[] live) {
      offer(kernel.probe());
      return live;
    }

    double value() {
      return top == null ? max : top.percentile(percentile, population);
    }
  }

  /**
   * One batch of the partially converted network, a step of {@link SimulationLoop}: balanced ReLUs
   * are IF neurons emitting {@code λ s}, max pools are gates, everything else is the IR op applied
   * to this step's values. After a step, {@link #probe} is the probed node's value.
   */
  private final class CalibrationKernel implements StepKernel {
    private final List<Node> nodes;
    private final Map<String, Double> lambda;
    private final int[] rows;
    private final INDArray constant;
    private final String probed;
    private final Map<String, INDArray> potential = new HashMap<>();
    private final Map<String, SpikingDynamics.MaxPoolGate> gates = new HashMap<>();
    private final Map<String, Neuron.IntegrateAndFire> neurons = new HashMap<>();
    private INDArray probe;

    CalibrationKernel(
        List<Node> nodes,
        Map<String, Double> lambda,
        int samples,
        INDArray constant,
        String probed) {
      this.nodes = nodes;
      this.lambda = lambda;
      this.rows = java.util.stream.IntStream.range(0, samples).toArray();
      this.constant = constant;
      this.probed = probed;
      for (Node node : nodes) {
        if (node.layer().isSpikingActivation()) {
          double l = lambda.get(node.name());
          neurons.put(
              node.name(),
              new Neuron.IntegrateAndFire(
                  Nd4j.scalar(DataType.FLOAT, (float) l).reshape(1), config.reset()));
        }
      }
    }

    @Override
    public int[] rows() {
      return rows;
    }

    /**
     * Runs one timestep of every sample (calibration stops none) and keeps the probed node's value.
     */
    @Override
    public void step(int t, INDArray drawn, int[] live) {
      closeProbe();
      Map<String, INDArray> values = new HashMap<>();
      values.put(Network.INPUT, drawn != null ? drawn : constant);
      try {
        for (Node node : nodes) {
          List<INDArray> ins = new ArrayList<>(node.inputs().size());
          node.inputs().forEach(i -> ins.add(values.get(i)));
          values.put(node.name(), evaluate(node, ins));
        }
        probe =
            values.get(probed).dup(); // values may alias each other (views): all are closed below
      } finally {
        values.forEach(
            (name, a) -> {
              if (!name.equals(Network.INPUT)) {
                a.close();
              }
            });
      }
    }

    /** The probed node's value of the last step, [n, ...]; owned by the kernel. */
    INDArray probe() {
      return probe;
    }

    @Override
    public void retain(int[] live) {
      // calibration stops no sample
    }

    private INDArray evaluate(Node node, List<INDArray> ins) {
      return switch (node.layer()) {
        case Layer.Relu relu -> fire(node, ins.get(0));
        case Layer.Qcfs qcfs -> fire(node, ins.get(0));
        case Layer.MaxPool2d pool ->
            gates
                .computeIfAbsent(node.name(), k -> new SpikingDynamics.MaxPoolGate(pool))
                .step(ins.get(0));
        case Layer.Conv2d c -> LayerOps.apply(c, ins);
        case Layer.Dense d -> LayerOps.apply(d, ins);
        case Layer.AvgPool2d a -> LayerOps.apply(a, ins);
        case Layer.BatchNorm b -> LayerOps.apply(b, ins);
        case Layer.Dropout d -> LayerOps.apply(d, ins);
        case Layer.Flatten f -> LayerOps.apply(f, ins);
        case Layer.Add a -> LayerOps.apply(a, ins);
        case Layer.Sign sign ->
            throw new IllegalStateException("sign layers are refused before calibration");
      };
    }

    /** One step of a balanced activation's IF neurons: the spikes times the node's λ. */
    private INDArray fire(Node node, INDArray current) {
      INDArray v = potential.get(node.name());
      if (v == null) {
        v = current.dup();
        potential.put(node.name(), v);
      } else {
        v.addi(current);
      }
      INDArray spikes = SpikingDynamics.fire(v, neurons.get(node.name()));
      return spikes.muli(lambda.get(node.name()));
    }

    private void closeProbe() {
      if (probe != null) {
        probe.close();
        probe = null;
      }
    }

    @Override
    public void close() {
      closeProbe();
      potential.values().forEach(INDArray::close);
      gates.values().forEach(SpikingDynamics.MaxPoolGate::close);
    }
  }
}
