package org.bsnn.plugins.optimization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Weights;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.stage.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Design-time rewrite of binary layers into the form an XNOR/AND in-memory array executes (Lu &amp;
 * Sengupta 2020, "Binarization"): a projection whose conv/dense op has binary weights {@code
 * sign(W_k)·a_k} (a_k = α_k·scale, the XNOR-Net scale times the threshold-balancing factor the
 * converter folded in) gets pure ±1 weights (alpha 1), and the target integrate-and-fire node gets
 * per-neuron thresholds {@code θ_k / a_k} and biases {@code b_k / a_k}. Its input current is then
 * the current of the scaled-float form divided by a_k, so with inputs still {0,1} spikes the
 * membrane is the float form's divided by a_k and the neuron spikes at the same timesteps (reset by
 * subtraction or to zero alike).
 *
 * <p>Floating point: the identity is exact in float32 when every a_k is a power of two (scaling by
 * 2^e commutes with every rounding, so each partial sum, potential and comparison of the float form
 * is exactly a_k times that of the crossbar form). For other a_k the float form's sums of ±a_k and
 * the rounded {@code θ_k / a_k} can differ in the last bit, and a potential within an ulp of its
 * threshold may spike one timestep earlier or later. The note per node says which case applies.
 *
 * <p>Rewritten only where it is valid: the node is an integrate-and-fire node, the binary
 * projection is its only input, and the op chain is {@code [flatten] (conv|dense) [avgpool]
 * [flatten]} (average pooling and flatten commute with a per-channel scale). Anything else is left
 * as it is with a note saying why (several inputs: one a_k per neuron cannot be divided out of a
 * sum of projections with different scales; the output integrator: its potential is the readout and
 * has no threshold to absorb a_k).
 */
public final class CrossbarFormOptimizer implements Optimizer {

  /**
   * The op chains {@link #chainLetter} spells that can be rewritten: [flatten] (conv|dense)
   * [avgpool] [flatten].
   */
  private static final java.util.regex.Pattern CHAIN = java.util.regex.Pattern.compile("f*wa?f?");

  @Override
  public SpikingNetwork prepare(SpikingNetwork network, RunContext context) {
    Map<String, long[]> shapes = new HashMap<>();
    shapes.put(SpikingNetwork.INPUT, network.inputShape());
    Map<String, String> notes = new LinkedHashMap<>();
    List<SpikingNode> out = new ArrayList<>();
    for (SpikingNode node : network.nodes()) {
      Projection first = node.inputs().get(0);
      long[] shape = shapes.get(first.source());
      for (Layer op : first.ops()) {
        shape = LayerOps.outputShape(op, List.of(shape));
      }
      shapes.put(node.name(), shape);
      boolean binary = node.inputs().stream().anyMatch(p -> binaryOp(p) != null);
      if (!binary) {
        out.add(node);
        continue;
      }
      String reason = invalid(node);
      if (reason != null) {
        notes.put(node.name(), "skipped: " + reason);
        out.add(node);
        continue;
      }
      Rewrite r = rewrite(node, shape);
      notes.put(
          node.name(),
          r.exact
              ? "rewritten to ±1 weights, exact (every alpha a power of two)"
              : "rewritten to ±1 weights, equal up to float32 rounding (alphas not all powers of two)");
      out.add(r.node);
    }
    context.provenance("crossbarForm", notes);
    return network.withNodes(out, "crossbar-form", notes);
  }

  /** The binary weighted op of a projection, or null. */
  private static Layer binaryOp(Projection p) {
    for (Layer op : p.ops()) {
      if (op.hasWeights()) {
        return op.asWeighted().orElseThrow().weights().isBinary() ? op : null;
      }
    }
    return null;
  }

  /** Why a node cannot be rewritten, or null when it can. */
  private static String invalid(SpikingNode node) {
    if (!(node.neuron() instanceof Neuron.IntegrateAndFire)) {
      return "not an integrate-and-fire node (the output integrator's potential is the readout; there is no threshold to absorb alpha)";
    }
    if (node.inputs().size() != 1) {
      return node.inputs().size()
          + " input projections; one alpha per neuron cannot be divided out of their sum";
    }
    List<Layer> ops = node.inputs().get(0).ops();
    StringBuilder chain = new StringBuilder();
    ops.forEach(op -> chain.append(chainLetter(op)));
    if (!CHAIN.matcher(chain).matches()) {
      return "op chain "
          + ops.stream().map(Layer::type).toList()
          + " is not [flatten] (conv|dense) [avgpool] [flatten]";
    }
    return null;
  }

  /**
   * One letter per op of a projection: {@code w} conv/dense, {@code a} average pooling and {@code
   * f} flatten (both commute with a per-channel scale), {@code x} anything else.
   */
  private static char chainLetter(Layer op) {
    return switch (op) {
      case Layer.Weighted weighted -> 'w';
      case Layer.AvgPool2d pool -> 'a';
      case Layer.Flatten flatten -> 'f';
      // A max-pool gate or a batch norm would have to commute with the scale too; the rest never
      // appear inside a projection.
      case Layer.MaxPool2d pool -> 'x';
      case Layer.BatchNorm bn -> 'x';
      case Layer.Relu relu -> 'x';
      case Layer.Qcfs qcfs -> 'x';
      case Layer.Sign sign -> 'x';
      case Layer.Dropout dropout -> 'x';
      case Layer.Add add -> 'x';
    };
  }

  private record Rewrite(SpikingNode node, boolean exact) {}

  private static Rewrite rewrite(SpikingNode node, long[] targetShape) {
    Neuron.IntegrateAndFire neuron = (Neuron.IntegrateAndFire) node.neuron();
    Projection p = node.inputs().get(0);
    List<Layer> ops = new ArrayList<>();
    float[] alpha = null;
    for (Layer op : p.ops()) {
      java.util.Optional<Layer.Weighted> weighted = op.asWeighted();
      if (weighted.isEmpty()) {
        ops.add(op);
        continue;
      }
      Weights.Binary b = binary(weighted.get().weights());
      alpha = alphas(b);
      ops.add(weighted.get().withParameters(unit(b), divide(weighted.get().bias(), alpha)));
    }
    boolean exact = true;
    for (float a : alpha) {
      exact &= a == Math.scalb(1f, Math.getExponent(a));
    }
    INDArray threshold = thresholds(neuron.threshold(), alpha, targetShape);
    SpikingNode rewritten =
        new SpikingNode(
            node.name(),
            List.of(new Projection(p.source(), ops)),
            neuron.startsAtZero()
                ? new Neuron.IntegrateAndFire(threshold, neuron.reset())
                // the potential is in the same units as the threshold: divided by alpha too
                : neuron.with(
                    threshold, thresholds(neuron.initialPotential(), alpha, targetShape)));
    return new Rewrite(rewritten, exact);
  }

  /** The weights of a projection that {@link #binaryOp} found binary. */
  private static Weights.Binary binary(Weights weights) {
    return switch (weights) {
      case Weights.Binary b -> b;
      case Weights.FullPrecision full ->
          throw new IllegalStateException("crossbar form rewrites binary layers only");
    };
  }

  private static float[] alphas(Weights.Binary b) {
    float[] a = b.alpha().dup().castTo(DataType.FLOAT).data().asFloat();
    for (float v : a) {
      if (!(v > 0) || !Float.isFinite(v)) {
        throw new IllegalArgumentException(
            "crossbar-form: alpha must be finite and positive, got " + v);
      }
    }
    return a;
  }

  private static Weights.Binary unit(Weights.Binary b) {
    return new Weights.Binary(b.signs(), Nd4j.ones(b.signs().dataType(), b.alpha().length()));
  }

  private static INDArray divide(INDArray bias, float[] alpha) {
    if (bias == null) {
      return null;
    }
    float[] v = bias.dup().castTo(DataType.FLOAT).data().asFloat();
    for (int k = 0; k < v.length; k++) {
      v[k] = v[k] / alpha[k];
    }
    return Nd4j.create(v, bias.shape(), 'c').castTo(bias.dataType());
  }

  /**
   * Per-neuron thresholds θ/a over the target's per-image shape. The neurons of channel k (conv,
   * also after pooling and flatten) or feature k (dense) share a_k. A layer-wise or channel-wise θ
   * on an image-shaped node gives a channel-wise result [C,1,1]; otherwise one value per neuron.
   */
  private static INDArray thresholds(INDArray theta, float[] alpha, long[] target) {
    int channels = alpha.length;
    long neurons = Arrays.stream(target).reduce(1, (x, y) -> x * y);
    long perChannel = neurons / channels;
    float[] th = theta.dup().castTo(DataType.FLOAT).data().asFloat();
    boolean channelWise =
        th.length == 1 || th.length == channels && (theta.rank() == 3 || target.length == 1);
    if (channelWise) {
      float[] v = new float[channels];
      for (int k = 0; k < channels; k++) {
        v[k] = (th.length == 1 ? th[0] : th[k]) / alpha[k];
      }
      long[] shape = target.length == 3 ? new long[] {channels, 1, 1} : new long[] {channels};
      if (target.length == 1 && perChannel != 1) {
        // conv (+pool) flattened: expand to one value per neuron in C order
        float[] full = new float[Math.toIntExact(neurons)];
        for (int i = 0; i < full.length; i++) {
          full[i] = v[(int) (i / perChannel)];
        }
        return Nd4j.create(full, new long[] {neurons}, 'c');
      }
      return Nd4j.create(v, shape, 'c');
    }
    if (th.length != neurons) {
      throw new IllegalArgumentException(
          "crossbar-form: threshold shape "
              + Arrays.toString(theta.shape())
              + " does not fit the node's shape "
              + Arrays.toString(target));
    }
    float[] full = new float[th.length];
    for (int i = 0; i < full.length; i++) {
      full[i] = th[i] / alpha[(int) (i / perChannel)];
    }
    return Nd4j.create(full, target, 'c');
  }
}
