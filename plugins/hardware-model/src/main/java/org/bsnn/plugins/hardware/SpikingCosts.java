package org.bsnn.plugins.hardware;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;

/**
 * Synaptic operations of a simulated spiking network, per node and timestep, from the trace's spike
 * counts.
 *
 * <p>For every projection into a node, the operations at timestep t are
 *
 * <ul>
 *   <li>from a spiking source: accumulates (ACs) = source spikes × mean fan-out of the projection's
 *       first conv/dense op ({@link WeightedLayer#meanFanOut}), where the source spikes are those
 *       of timestep t−1 in pipelined propagation (the node reads the previous step's spikes, as the
 *       simulator does) and of timestep t in same-step propagation;
 *   <li>from the input under direct encoding: multiply-accumulates (MACs) = non-zero input values ×
 *       mean fan-out, every timestep, for every sample still running at t. The trace has the
 *       non-zero count summed over samples ({@link SimulationTrace#inputCurrentNonZero}), so its
 *       mean per sample is used: exact without early exit, the mean when samples exit early;
 *   <li>from the input under Poisson encoding: ACs = expected input spikes per sample ({@code Σ
 *       min(1, |x|)}, computed by the caller from the data, since the trace does not record the
 *       random draws) × mean fan-out, for every sample still running at t.
 * </ul>
 *
 * Pooling, bias additions and membrane updates are not counted (as in the usual SNN energy
 * estimates, e.g. Sengupta et al. 2019; Lu &amp; Sengupta 2020's hardware discussion). A projection
 * with no conv/dense op costs nothing here.
 */
public final class SpikingCosts {

  private SpikingCosts() {}

  /**
   * One projection's geometry.
   *
   * @param source the source node or {@link SpikingNetwork#INPUT}
   * @param layer the first conv/dense op of the projection, named after the target node
   */
  public record Path(String source, WeightedLayer layer) {}

  /**
   * Operations of one spiking node (its input projections), summed over samples.
   *
   * @param node the node's name
   * @param binary whether a projection into it has binary weights
   * @param paths its weighted projections
   * @param macs multiply-accumulates at timestep t in {@code macs[t-1]}, over all samples
   * @param acs accumulates at timestep t in {@code acs[t-1]}, over all samples
   */
  public record NodeOps(
      String node, boolean binary, List<Path> paths, double[] macs, double[] acs) {
    /** MACs plus ACs at timestep index t. */
    public double total(int t) {
      return macs[t] + acs[t];
    }

    /** All operations over all timesteps and samples. */
    public double sum() {
      double s = 0;
      for (int t = 0; t < macs.length; t++) {
        s += macs[t] + acs[t];
      }
      return s;
    }
  }

  /**
   * The name under which a spiking node's rows are reported: the ANN conv/dense layers it
   * integrates (from the converter's {@code weightedLayers} note, joined by "+" after a residual
   * addition), so that SNN rows line up with the ANN's; the node's own name when the note is
   * missing.
   */
  public static String label(SpikingNetwork snn, String node) {
    if (snn.notes().get("weightedLayers") instanceof Map<?, ?> origins
        && origins.get(node) instanceof List<?> layers
        && !layers.isEmpty()) {
      return layers.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("+"));
    }
    return node;
  }

  /** Per-image output shape of every spiking node, from its first projection. */
  public static Map<String, long[]> nodeShapes(SpikingNetwork snn) {
    Map<String, long[]> shapes = new HashMap<>();
    shapes.put(SpikingNetwork.INPUT, snn.inputShape());
    for (SpikingNode node : snn.nodes()) {
      Projection p = node.inputs().get(0);
      long[] shape = shapes.get(p.source());
      for (Layer op : p.ops()) {
        shape = LayerOps.outputShape(op, List.of(shape));
      }
      shapes.put(node.name(), shape);
    }
    return shapes;
  }

  /** The weighted projections of every node, in network order. */
  public static Map<String, List<Path>> paths(SpikingNetwork snn) {
    Map<String, long[]> shapes = nodeShapes(snn);
    Map<String, List<Path>> out = new java.util.LinkedHashMap<>();
    for (SpikingNode node : snn.nodes()) {
      List<Path> paths = new ArrayList<>();
      for (Projection p : node.inputs()) {
        long[] shape = shapes.get(p.source());
        for (Layer op : p.ops()) {
          if (op.hasWeights()) {
            paths.add(new Path(p.source(), WeightedLayer.of(node.name(), op, shape)));
            break;
          }
          shape = LayerOps.outputShape(op, List.of(shape));
        }
      }
      out.put(node.name(), paths);
    }
    return out;
  }

  /** Whether the evaluation has a spiking network and a trace of at least one simulated sample. */
  public static boolean simulated(Evaluation evaluation) {
    return evaluation.snn().isPresent()
        && evaluation.trace().isPresent()
        && evaluation.trace().get().samples() > 0;
  }

  /** Whether any projection of the network has binary weights (a "binary SNN"). */
  public static boolean isBinary(SpikingNetwork snn) {
    return paths(snn).values().stream().flatMap(List::stream).anyMatch(p -> p.layer().binary());
  }

  /**
   * Samples still running at each timestep: {@code active[t-1]} = samples whose exit timestep is at
   * least t.
   */
  public static long[] activeSamples(SimulationTrace trace) {
    long[] active = new long[trace.timesteps()];
    for (int exit : trace.exitTimestep()) {
      for (int t = 0; t < Math.min(exit, active.length); t++) {
        active[t]++;
      }
    }
    return active;
  }

  /**
   * Counts the operations of every node.
   *
   * @param poissonSpikesPerSample expected input spikes per sample and timestep (Poisson encoding
   *     only; ignored for direct encoding)
   */
  public static List<NodeOps> count(
      SpikingNetwork snn, SimulationTrace trace, double poissonSpikesPerSample) {
    int steps = trace.timesteps();
    long[] active = activeSamples(trace);
    double inputNonZeroPerSample =
        trace.samples() == 0 ? 0 : (double) trace.inputCurrentNonZero() / trace.samples();
    boolean pipelined = snn.propagation() == Propagation.PIPELINED;
    List<NodeOps> out = new ArrayList<>();
    for (Map.Entry<String, List<Path>> e : paths(snn).entrySet()) {
      double[] macs = new double[steps];
      double[] acs = new double[steps];
      boolean binary = false;
      for (Path p : e.getValue()) {
        binary |= p.layer().binary();
        double fanOut = p.layer().meanFanOut();
        if (SpikingNetwork.INPUT.equals(p.source())) {
          boolean direct = snn.encoding() == Encoding.DIRECT;
          double perSample = direct ? inputNonZeroPerSample : poissonSpikesPerSample;
          double[] target = direct ? macs : acs;
          for (int t = 0; t < steps; t++) {
            target[t] += perSample * active[t] * fanOut;
          }
        } else {
          long[] spikes = trace.spikesByNode().get(p.source());
          if (spikes == null) {
            throw new IllegalArgumentException(
                "the trace has no spike counts of node '"
                    + p.source()
                    + "' read by '"
                    + e.getKey()
                    + "'");
          }
          for (int t = 0; t < steps; t++) {
            int from = pipelined ? t - 1 : t;
            if (from >= 0) {
              acs[t] += spikes[from] * fanOut;
            }
          }
        }
      }
      out.add(new NodeOps(e.getKey(), binary, e.getValue(), macs, acs));
    }
    return out;
  }
}
