package org.bsnn.plugins.conversion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.UnsupportedLayerException;
import org.bsnn.api.network.Weights;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.stage.Converter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rate-based ANN-to-SNN conversion (Diehl et al. 2015; Sengupta et al. 2019; Lu &amp; Sengupta
 * 2020): each ReLU becomes a layer of non-leaky integrate-and-fire neurons, the linear operations
 * between two ReLUs (conv, average pooling, flatten, dense) become one synaptic projection, dropout
 * is removed, and the output layer becomes a non-spiking integrator.
 *
 * <p>Threshold balancing: a spike of layer l stands for the activation value lambda_l, so the
 * first weighted operation of a projection is scaled by lambda_{l-1} / lambda_l and every bias by
 * 1 / lambda_l (the reference code forgot the bias), with threshold 1; the output layer is scaled
 * by lambda_{l-1} only. Binary weights stay binary: only their alphas are scaled.
 *
 * <p>Not yet supported (clear errors naming the node): batch norm, max pooling, residual
 * additions, channel-wise lambdas.
 */
public final class IfNeuronConverter implements Converter {

  private static final String PLUGIN = "if-neuron converter";

  private final IfNeuronConfig config;

  /** A converter with the given neuron and threshold options. */
  public IfNeuronConverter(IfNeuronConfig config) {
    this.config = config;
  }

  /** Linear operations accumulated since the last spiking layer. */
  private record Pending(String source, double sourceLambda, List<Layer> ops) {
    Pending then(Layer layer) {
      List<Layer> next = new ArrayList<>(ops);
      next.add(layer);
      return new Pending(source, sourceLambda, next);
    }
  }

  @Override
  public SpikingNetwork convert(Network ann, LayerScales scales, RunContext context) {
    Map<String, Pending> pending = new HashMap<>();
    pending.put(Network.INPUT, new Pending(SpikingNetwork.INPUT, 1.0, List.of()));
    List<SpikingNode> nodes = new ArrayList<>();
    Map<String, Double> thresholds = new LinkedHashMap<>();
    for (Node node : ann.nodes()) {
      Layer layer = node.layer();
      if (layer instanceof Layer.Add || layer instanceof Layer.BatchNorm || layer instanceof Layer.MaxPool2d) {
        throw new UnsupportedLayerException(node, PLUGIN, "not supported by this converter yet");
      }
      Pending in = pending.get(node.inputs().get(0));
      if (layer instanceof Layer.Dropout) {
        pending.put(node.name(), in);
      } else if (layer instanceof Layer.Relu) {
        double lambda = scalarLambda(node, scales.of(node.name()));
        boolean weightScaling = config.thresholds() == IfNeuronConfig.ThresholdMode.WEIGHT_SCALING;
        double divisor = weightScaling ? lambda : 1.0;
        List<Layer> ops = scaled(node, in.ops(), in.sourceLambda() / divisor, 1.0 / divisor);
        INDArray threshold = Nd4j.scalar(DataType.FLOAT, (float) (weightScaling ? 1.0 : lambda)).reshape(1);
        nodes.add(new SpikingNode(node.name(), List.of(new Projection(in.source(), ops)),
            new Neuron.IntegrateAndFire(threshold, config.reset())));
        thresholds.put(node.name(), lambda);
        pending.put(node.name(), new Pending(node.name(), lambda, List.of()));
      } else {
        pending.put(node.name(), in.then(layer));
      }
    }
    Node outputNode = ann.node(ann.output());
    Pending out = pending.get(ann.output());
    if (outputNode.layer() instanceof Layer.Relu || out.ops().isEmpty()) {
      throw new UnsupportedLayerException(outputNode, PLUGIN, "the output must be a linear layer (its scores are integrated, not spiked)");
    }
    nodes.add(new SpikingNode(ann.output(), List.of(new Projection(out.source(), scaled(outputNode, out.ops(), out.sourceLambda(), 1.0))),
        new Neuron.Integrator()));
    context.provenance("lambdas", thresholds);
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put("converter", "if-neuron");
    notes.put("reset", config.reset().name());
    notes.put("thresholds", config.thresholds().name());
    return new SpikingNetwork(ann.name() + "-snn", ann.inputShape(), nodes, config.encoding(), config.propagation(),
        config.readout(), notes);
  }

  private static double scalarLambda(Node node, INDArray lambda) {
    if (lambda.length() != 1) {
      throw new UnsupportedLayerException(node, PLUGIN, "channel-wise lambdas are not supported yet; use a layer-wise normalizer");
    }
    double value = lambda.getDouble(0);
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new UnsupportedLayerException(node, PLUGIN, "lambda must be finite and positive, got " + value);
    }
    return value;
  }

  /**
   * Scales a chain of linear ops by {@code weightFactor} (applied to the first weighted op) and
   * every bias by {@code biasFactor}: the chain's output then equals
   * {@code (chain(x · λ_in) ) / λ_out} for spike input x.
   */
  private static List<Layer> scaled(Node at, List<Layer> ops, double weightFactor, double biasFactor) {
    List<Layer> out = new ArrayList<>(ops.size());
    boolean weightsScaled = false;
    for (Layer op : ops) {
      double wf = weightsScaled ? 1.0 : weightFactor;
      if (op instanceof Layer.Conv2d c) {
        out.add(new Layer.Conv2d(c.kernel(), c.stride(), c.padding(), scale(c.weights(), wf), scale(c.bias(), biasFactor)));
        weightsScaled = true;
      } else if (op instanceof Layer.Dense d) {
        out.add(new Layer.Dense(scale(d.weights(), wf), scale(d.bias(), biasFactor)));
        weightsScaled = true;
      } else {
        out.add(op);
      }
    }
    if (!weightsScaled && weightFactor != 1.0) {
      throw new UnsupportedLayerException(at, PLUGIN, "the path into it has no conv or dense layer to carry the threshold scaling");
    }
    return out;
  }

  private static Weights scale(Weights weights, double factor) {
    if (weights instanceof Weights.Binary b) {
      return new Weights.Binary(b.signs(), b.alpha().mul(factor));
    }
    return new Weights.FullPrecision(((Weights.FullPrecision) weights).values().mul(factor));
  }

  private static INDArray scale(INDArray bias, double factor) {
    return bias == null ? null : bias.mul(factor);
  }
}
