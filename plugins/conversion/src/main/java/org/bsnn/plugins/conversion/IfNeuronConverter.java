package org.bsnn.plugins.conversion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.UnsupportedLayerException;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.SpikingDynamics;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.stage.Converter;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rate-based ANN-to-SNN conversion (Diehl et al. 2015; Rueckauer et al. 2017; Sengupta et al. 2019;
 * Lu &amp; Sengupta 2020): each ReLU becomes a layer of non-leaky integrate-and-fire neurons, the
 * linear operations between two ReLUs (conv, average pooling, flatten, dense) become one synaptic
 * projection, dropout is removed, and the output layer becomes a non-spiking integrator.
 *
 * <p>Threshold balancing ({@link ThresholdScaling}): a spike of layer l stands for the activation
 * value λ_l, so the weights of a projection are scaled by λ_{l-1} / λ_l and every bias by 1 / λ_l
 * (the reference code forgot the bias), with threshold 1; or, in layer-threshold mode, weights by
 * λ_{l-1} with threshold λ_l. The output layer is scaled by λ_{l-1} only. Lambdas may be layer-wise
 * ([1]) or channel-wise (one per channel: per-channel thresholds [C, 1, 1] or per-output-channel
 * weight scaling, and the next layer's inputs scaled by the source's channel λ). Binary weights
 * stay binary: only their alphas are scaled.
 *
 * <p>Beyond the reference code:
 *
 * <ul>
 *   <li>batch norm is folded into the conv or dense layer before it ({@link BatchNormFolding});
 *   <li>max pooling after a ReLU becomes the spiking max gate at the start of the next projection
 *       ({@link SpikingDynamics.MaxPoolGate}); a pool directly before a ReLU is first moved after
 *       it ({@link SpikingDynamics#reluBeforeMaxPool}), since the two commute;
 *   <li>a residual addition followed by a ReLU becomes one spiking node with one projection per
 *       addend, each balanced from its own source's λ; an identity shortcut has no weights, so its
 *       factor λ_source / λ_target is the projection's scale.
 * </ul>
 *
 * <p>Quantization-clip-floor-shift activations ({@link Layer.Qcfs}; Bu et al., ICLR 2022, "Optimal
 * ANN-SNN Conversion for High-accuracy and Ultra-low-latency Spiking Neural Networks") convert like
 * ReLUs, but their λ is the trained clip value, so the experiment needs no normalizer ({@code
 * normalize: none}); a normalizer's λ, if one is named, overrides it. The paper's method also
 * starts each neuron at half its threshold (an initial membrane potential of θ/2); this converter
 * does not set one itself.
 *
 * <p>Anything else (a batch norm not after conv/dense, max pooling of currents, a linear layer
 * after an addition, binary activations ({@link Layer.Sign}), lambdas of 0 or NaN) is rejected
 * before simulation with an error that names the node.
 */
public final class IfNeuronConverter implements Converter {

  private static final String PLUGIN = "if-neuron converter";
  private static final double[] ONE = {1.0};

  private final IfNeuronConfig config;

  /** A converter with the given neuron and threshold options. */
  public IfNeuronConverter(IfNeuronConfig config) {
    this.config = config;
  }

  @Override
  public SpikingNetwork convert(Network ann, LayerScales scales, RunContext context) {
    Network net = SpikingDynamics.reluBeforeMaxPool(ann);
    Map<String, long[]> shapes;
    try {
      shapes = new HashMap<>(NetworkForward.shapes(net));
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("cannot convert: " + e.getMessage(), e);
    }
    shapes.put(Network.INPUT, net.inputShape());
    boolean weightScaling = config.thresholds() == IfNeuronConfig.ThresholdMode.WEIGHT_SCALING;
    Map<String, List<ThresholdScaling.Branch>> pending = new HashMap<>();
    pending.put(
        Network.INPUT,
        List.of(
            new ThresholdScaling.Branch(SpikingNetwork.INPUT, ONE, net.inputShape(), List.of())));
    List<SpikingNode> nodes = new ArrayList<>();
    Map<String, Object> lambdas = new LinkedHashMap<>();
    List<String> folded = new ArrayList<>();
    List<String> gates = new ArrayList<>();
    List<String> residual = new ArrayList<>();
    List<String> qcfsTrained = new ArrayList<>();
    List<String> qcfsCalibrated = new ArrayList<>();
    for (Node node : net.nodes()) {
      Layer layer = node.layer();
      List<ThresholdScaling.Branch> in = pending.get(node.inputs().get(0));
      switch (layer) {
        case Layer.Add add -> {
          List<ThresholdScaling.Branch> all = new ArrayList<>();
          node.inputs().forEach(input -> all.addAll(pending.get(input)));
          pending.put(node.name(), all);
          residual.add(node.name());
        }
        case Layer.Sign sign ->
            throw new UnsupportedLayerException(
                node,
                PLUGIN,
                "binary activations (sign, as in the xnor-net"
                    + " baseline) have no integrate-and-fire equivalent; that baseline is ANN-only: evaluate it without the convert stage");
        case Layer.Dropout dropout -> pending.put(node.name(), in);
        case Layer.Relu relu -> {
          long[] shape = shapes.get(node.name());
          double[] lambda = lambda(node, scales.of(node.name()), shape);
          nodes.add(spiking(node, in, lambda, shape, weightScaling, lambdas, pending));
        }
        case Layer.Qcfs qcfs -> {
          // The trained clip value is the threshold (Bu et al. 2022); a normalizer's λ, when the
          // experiment names one, overrides it.
          long[] shape = shapes.get(node.name());
          boolean trained = !scales.byNode().containsKey(node.name());
          double[] lambda =
              trained ? new double[] {qcfs.lambda()} : lambda(node, scales.of(node.name()), shape);
          (trained ? qcfsTrained : qcfsCalibrated).add(node.name());
          nodes.add(spiking(node, in, lambda, shape, weightScaling, lambdas, pending));
        }
        case Layer.BatchNorm bn -> {
          ThresholdScaling.Branch branch = single(node, in);
          pending.put(node.name(), List.of(fold(node, bn, branch)));
          folded.add(node.name());
        }
        case Layer.MaxPool2d pool -> {
          ThresholdScaling.Branch branch = single(node, in);
          if (!branch.ops().isEmpty()) {
            throw new UnsupportedLayerException(
                node,
                PLUGIN,
                "max pooling can only be converted right after a ReLU (or the input), where it"
                    + " gates spikes, or directly before a ReLU; here it pools the output of '"
                    + node.inputs().get(0)
                    + "' ("
                    + branch.ops().get(branch.ops().size() - 1).type()
                    + "), which is a current, not spikes");
          }
          pending.put(node.name(), List.of(branch.then(layer)));
          gates.add(node.name());
        }
        // Linear operations join the projection that the next ReLU (or the output) integrates.
        case Layer.Conv2d conv -> pending.put(node.name(), List.of(single(node, in).then(layer)));
        case Layer.Dense dense -> pending.put(node.name(), List.of(single(node, in).then(layer)));
        case Layer.AvgPool2d pool ->
            pending.put(node.name(), List.of(single(node, in).then(layer)));
        case Layer.Flatten flatten ->
            pending.put(node.name(), List.of(single(node, in).then(layer)));
      }
    }
    Node outputNode = net.node(net.output());
    List<ThresholdScaling.Branch> out = pending.get(net.output());
    if (outputNode.layer().isSpikingActivation()
        || (out.size() == 1 && out.get(0).ops().isEmpty())) {
      throw new UnsupportedLayerException(
          outputNode,
          PLUGIN,
          "the output must be a linear layer (its scores are integrated, not spiked)");
    }
    nodes.add(outputNode(outputNode, out, scales, weightScaling, lambdas));
    context.provenance("lambda", lambdas);
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put("converter", "if-neuron");
    notes.put("reset", config.reset().name());
    notes.put("thresholds", config.thresholds().name());
    if (!folded.isEmpty()) {
      notes.put("batchNormFolded", folded);
    }
    if (!gates.isEmpty()) {
      notes.put("maxPoolGates", gates);
    }
    if (!residual.isEmpty()) {
      notes.put("residualAdds", residual);
    }
    if (!qcfsTrained.isEmpty()) {
      notes.put("qcfsTrainedThresholds", qcfsTrained);
    }
    if (!qcfsCalibrated.isEmpty()) {
      notes.put("qcfsNormalizerThresholds", qcfsCalibrated);
    }
    notes.put("weightedLayers", weightedLayers(net, nodes));
    return new SpikingNetwork(
        ann.name() + "-snn",
        ann.inputShape(),
        nodes,
        config.encoding(),
        config.propagation(),
        config.readout(),
        notes);
  }

  /**
   * The integrate-and-fire layer of a balanced activation (ReLU or QCFS) with the given λ: its
   * projections are balanced from each source's λ, and it becomes the source of what follows.
   */
  private SpikingNode spiking(
      Node node,
      List<ThresholdScaling.Branch> in,
      double[] lambda,
      long[] shape,
      boolean weightScaling,
      Map<String, Object> lambdas,
      Map<String, List<ThresholdScaling.Branch>> pending) {
    List<Projection> projections = new ArrayList<>();
    for (ThresholdScaling.Branch branch : in) {
      projections.add(ThresholdScaling.project(node, branch, weightScaling ? lambda : ONE));
    }
    INDArray threshold = ThresholdScaling.threshold(weightScaling ? ONE : lambda, shape);
    lambdas.put(
        node.name(),
        lambda.length == 1 ? (Object) lambda[0] : java.util.Arrays.stream(lambda).boxed().toList());
    pending.put(
        node.name(), List.of(new ThresholdScaling.Branch(node.name(), lambda, shape, List.of())));
    return new SpikingNode(
        node.name(), projections, new Neuron.IntegrateAndFire(threshold, config.reset()));
  }

  /**
   * For every spiking node, the ANN's conv/dense nodes whose currents it integrates (more than one
   * after a residual addition), so that reports can name SNN layers as the ANN's: found by walking
   * back from the node through everything but ReLUs.
   */
  private static Map<String, List<String>> weightedLayers(Network net, List<SpikingNode> nodes) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (SpikingNode spiking : nodes) {
      List<String> found = new ArrayList<>();
      java.util.Deque<String> todo =
          new java.util.ArrayDeque<>(
              net.node(spiking.name()).layer().isSpikingActivation()
                  ? net.node(spiking.name()).inputs()
                  : List.of(spiking.name()));
      java.util.Set<String> seen = new java.util.HashSet<>();
      while (!todo.isEmpty()) {
        String name = todo.pop();
        if (Network.INPUT.equals(name) || !seen.add(name)) {
          continue;
        }
        Node node = net.node(name);
        if (node.layer().isSpikingActivation()) {
          continue;
        }
        if (node.layer().hasWeights()) {
          found.add(name);
        }
        node.inputs().forEach(todo::push);
      }
      java.util.Collections.reverse(found); // nearest-last walk: list them from the input side
      out.put(spiking.name(), found);
    }
    return out;
  }

  /** The one path into a node that only a ReLU may merge from several (after an addition). */
  private static ThresholdScaling.Branch single(Node node, List<ThresholdScaling.Branch> in) {
    if (in.size() != 1) {
      throw new UnsupportedLayerException(
          node,
          PLUGIN,
          "it follows a residual addition of "
              + in.size()
              + " paths; only a ReLU (or dropout) may come right after an addition, so that the sum becomes one spiking layer");
    }
    return in.get(0);
  }

  /**
   * Folds a batch norm into the last conv/dense of the path (average pooling in between commutes
   * with it).
   */
  private static ThresholdScaling.Branch fold(
      Node node, Layer.BatchNorm bn, ThresholdScaling.Branch branch) {
    List<Layer> ops = branch.ops();
    int at = ops.size() - 1;
    while (at >= 0 && batchNormCommutesWith(ops.get(at))) {
      at--;
    }
    if (at < 0 || !ops.get(at).hasWeights()) {
      String reads =
          at < 0
              ? "a spiking layer or the input, whose output is spikes"
              : "a " + ops.get(at).type() + " layer";
      throw new UnsupportedLayerException(
          node,
          PLUGIN,
          "batch norm can only be folded into a conv2d or dense layer right before it"
              + " (average pooling in between is fine); it reads '"
              + node.inputs().get(0)
              + "', "
              + reads);
    }
    List<Layer> next = new ArrayList<>(ops);
    try {
      next.set(at, BatchNormFolding.fold(ops.get(at), bn));
    } catch (IllegalArgumentException e) {
      throw new UnsupportedLayerException(node, PLUGIN, e.getMessage());
    }
    return branch.withOps(next);
  }

  /**
   * Whether a batch norm right after {@code op} in a path may be moved before it on the way to the
   * conv/dense it folds into: a per-channel affine map commutes with average pooling.
   */
  private static boolean batchNormCommutesWith(Layer op) {
    return switch (op) {
      case Layer.AvgPool2d pool -> true;
      // Max pooling commutes only with positive scales, flatten moves the channels; the others end
      // the search (conv/dense is where the batch norm folds).
      case Layer.MaxPool2d pool -> false;
      case Layer.Flatten flatten -> false;
      case Layer.Conv2d conv -> false;
      case Layer.Dense dense -> false;
      case Layer.BatchNorm bn -> false;
      case Layer.Relu relu -> false;
      case Layer.Qcfs qcfs -> false;
      case Layer.Sign sign -> false;
      case Layer.Dropout dropout -> false;
      case Layer.Add add -> false;
    };
  }

  /**
   * The output node: an integrator read by its potential (the paper), or, for a spike-count
   * readout, integrate-and-fire neurons balanced with the output's own lambda (one for all classes,
   * so their counts compare).
   */
  private SpikingNode outputNode(
      Node output,
      List<ThresholdScaling.Branch> in,
      LayerScales scales,
      boolean weightScaling,
      Map<String, Object> lambdas) {
    List<Projection> projections = new ArrayList<>();
    if (config.readout() == Readout.POTENTIAL) {
      for (ThresholdScaling.Branch branch : in) {
        projections.add(ThresholdScaling.project(output, branch, ONE));
      }
      return new SpikingNode(output.name(), projections, new Neuron.Integrator());
    }
    if (!scales.byNode().containsKey(output.name())) {
      throw new UserFacingException(
          "readout spike_count needs a threshold for the output layer '"
              + output.name()
              + "', but the normalizer gave it no lambda (max-activation, percentile and channel-wise give the output's largest"
              + " activation when it is positive on the calibration images; spike-based gives none); use readout: potential"
              + " or one of those normalizers");
    }
    double[] lambda = lambda(output, scales.of(output.name()), new long[] {1});
    if (lambda.length != 1) {
      throw new UnsupportedLayerException(
          output,
          PLUGIN,
          "a spike-count readout needs one lambda for all classes, got " + lambda.length);
    }
    for (ThresholdScaling.Branch branch : in) {
      projections.add(ThresholdScaling.project(output, branch, weightScaling ? lambda : ONE));
    }
    lambdas.put(output.name(), lambda[0]);
    INDArray threshold = ThresholdScaling.threshold(weightScaling ? ONE : lambda, new long[] {1});
    return new SpikingNode(
        output.name(), projections, new Neuron.IntegrateAndFire(threshold, config.reset()));
  }

  /** A ReLU's lambda as one value or one per channel, checked finite and positive. */
  private static double[] lambda(Node node, INDArray lambda, long[] shape) {
    double[] v = lambda.toDoubleVector();
    if (v.length != 1 && v.length != shape[0]) {
      throw new UnsupportedLayerException(
          node,
          PLUGIN,
          "it has "
              + v.length
              + " lambdas but "
              + shape[0]
              + (shape.length == 3 ? " channels" : " features")
              + "; give one lambda or one per channel");
    }
    for (int c = 0; c < v.length; c++) {
      String which = v.length == 1 ? "" : " (channel " + c + ")";
      if (v[c] == 0) {
        throw new UserFacingException(
            "layer '"
                + node.name()
                + "' has lambda 0"
                + which
                + ": it never activated on the calibration"
                + " images, so it has no threshold; use a larger calibration set (more normalize samples) or check the trained network");
      }
      if (!(v[c] > 0) || !Double.isFinite(v[c])) {
        throw new UserFacingException(
            "layer '"
                + node.name()
                + "' has lambda "
                + v[c]
                + which
                + ": calibration produced no finite"
                + " positive value for it; use a larger calibration set (more normalize samples) or check the trained network for NaNs");
      }
    }
    return v;
  }
}
