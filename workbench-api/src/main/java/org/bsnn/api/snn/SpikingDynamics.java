package org.bsnn.api.snn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The spiking semantics shared by converters, simulators and spike-based calibration, so that they
 * cannot drift apart: the integrate-and-fire update, the spiking max-pooling gate, the canonical
 * ReLU/max-pool order, and shape checking of a {@link SpikingNetwork}.
 *
 * <p>All arrays are batched ({@code [n, ...]}); every method closes the temporaries it makes.
 */
public final class SpikingDynamics {

  private SpikingDynamics() {}

  /**
   * One integrate-and-fire step after the input current has been added to {@code v}: neurons with
   * {@code v >= threshold} spike and are reset (by subtraction or to zero), in place.
   *
   * @param v membrane potentials {@code [n, ...]}, updated in place
   * @param neuron threshold ([1], or per sample aligned to v without the batch dimension) and reset
   * @return a new array of v's shape and type, 1 where a neuron spiked and 0 elsewhere
   */
  public static INDArray fire(INDArray v, Neuron.IntegrateAndFire neuron) {
    INDArray threshold = neuron.threshold();
    INDArray fired;
    if (threshold.length() == 1) {
      double theta = threshold.getDouble(0);
      try (INDArray spiking = v.gte(theta)) {
        fired = spiking.castTo(v.dataType());
      }
      reset(v, fired, neuron.reset(), f -> f.mul(theta));
      return fired;
    }
    INDArray theta = aligned(threshold, v.rank()); // a view of the neuron's threshold: never closed
    try (INDArray margin = v.sub(theta);
        INDArray spiking = margin.gte(0)) { // INDArray has no gte(INDArray) in M2.1
      fired = spiking.castTo(v.dataType());
    }
    reset(v, fired, neuron.reset(), f -> f.mul(theta));
    return fired;
  }

  /**
   * Resets the neurons that fired, in place: subtracts their charge ({@code charge} of the spikes:
   * spikes times threshold) or sets them to zero.
   */
  private static void reset(
      INDArray v, INDArray fired, ResetMode mode, UnaryOperator<INDArray> charge) {
    if (mode == ResetMode.SUBTRACT) {
      try (INDArray c = charge.apply(fired)) {
        v.subi(c);
      }
    } else {
      try (INDArray keep = fired.rsub(1.0)) {
        v.muli(keep);
      }
    }
  }

  /**
   * A per-sample array (a threshold or scale: [channels, 1, 1], [features] or [1]) reshaped to
   * {@code rank} with leading ones, so ND4J broadcasts it over a batch. A view: never close it.
   */
  public static INDArray aligned(INDArray perSample, int rank) {
    if (perSample.rank() > rank) {
      throw new IllegalArgumentException(
          "per-sample shape "
              + Arrays.toString(perSample.shape())
              + " has more dimensions than the batched rank "
              + rank);
    }
    long[] shape = new long[rank];
    Arrays.fill(shape, 1L);
    long[] own = perSample.shape();
    System.arraycopy(own, 0, shape, rank - own.length, own.length);
    return perSample.reshape(shape);
  }

  /**
   * The rows {@code rows} of a batched array, in that order, as a new C-order array (used to drop
   * samples that stopped early). {@code a} is neither modified nor closed.
   *
   * @param a shape [n, ...]
   * @param rows indices in [0, n), at least one
   */
  public static INDArray keepRows(INDArray a, int[] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("keepRows needs at least one row");
    }
    long n = a.size(0);
    long rest = a.length() / n;
    long[] shape = a.shape().clone(); // shape() may be ND4J's own array
    shape[0] = rows.length;
    INDArray out = Nd4j.createUninitialized(a.dataType(), shape, 'c');
    boolean copy = a.ordering() != 'c' || a.isView();
    INDArray source = copy ? a.dup('c') : a;
    try (INDArray picked = source.reshape('c', n, rest).getRows(rows)) {
      out.reshape('c', rows.length, rest).assign(picked);
    } finally {
      if (copy) {
        source.close();
      }
    }
    return out;
  }

  /**
   * The summed current of all of {@code node}'s input projections in one timestep ({@link
   * #projectionCurrent} each), or null when none of its sources has spiked yet (pipelined
   * propagation before a source's first step).
   *
   * @param input the network's input for this timestep
   * @param spikes the spikes of the nodes this timestep reads, by name
   * @return a new array, or null
   */
  public static INDArray nodeCurrent(
      SpikingNode node,
      INDArray input,
      Map<String, INDArray> spikes,
      Map<String, MaxPoolGate> gates) {
    INDArray current = null;
    for (int k = 0; k < node.inputs().size(); k++) {
      Projection p = node.inputs().get(k);
      INDArray source = p.source().equals(SpikingNetwork.INPUT) ? input : spikes.get(p.source());
      if (source == null) {
        continue; // pipelined: the source has not spiked yet (before its first step)
      }
      INDArray contribution = projectionCurrent(p, source, gates, node.name() + "#" + k);
      if (current == null) {
        current = contribution;
      } else {
        current.addi(contribution);
        contribution.close();
      }
    }
    return current;
  }

  /**
   * The current one projection delivers in one timestep: its spiking max-pooling gate (when the
   * projection is gated; the gate keeps its state across timesteps in {@code gates} under {@code
   * key}), its remaining ops, then its scale. Every kernel that steps a network through ND4J calls
   * this, so the reference simulator and calibration cannot drift apart.
   *
   * @param source the source node's spikes (or the input), shape [n, ...]; neither modified nor
   *     closed
   * @return a new array
   */
  public static INDArray projectionCurrent(
      Projection p, INDArray source, Map<String, MaxPoolGate> gates, String key) {
    INDArray x = source;
    List<Layer> ops = p.ops();
    int from = 0;
    if (p.gated()) {
      x =
          gates
              .computeIfAbsent(key, k -> new MaxPoolGate((Layer.MaxPool2d) ops.get(0)))
              .step(source);
      from = 1;
    }
    for (int i = from; i < ops.size(); i++) {
      INDArray y = LayerOps.apply(ops.get(i), x);
      if (x != source) {
        x.close();
      }
      x = y;
    }
    if (x == source) {
      x = source.dup();
    }
    if (p.scale() != null) {
      x.muli(aligned(p.scale(), x.rank()));
    }
    return x;
  }

  /**
   * Spiking max pooling (the gating idea of Rueckauer et al. 2017): per pooling window, the spikes
   * of the neuron with the highest accumulated spike count so far pass. Concretely, with {@code
   * c_j(t)} the accumulated input of neuron j and {@code M(t) = max_j c_j(t)} per window, the
   * output at t is {@code M(t) - M(t-1)}: a spike passes exactly when it raises the window's
   * maximum count, i.e. when it comes from a neuron that now has the highest count (ties go to the
   * neuron that did not spike, so equal-rate neurons firing out of phase do not double the rate).
   * Hence the output's accumulated count is always the maximum accumulated count of the window, the
   * spiking counterpart of max pooling over rates, and at most one spike leaves a window per step
   * for binary input. For constant analog input (direct encoding) the output is the max pooling of
   * the input itself.
   *
   * <p>State: the accumulated input {@code [n, c, h, w]} and the window maxima; one gate per
   * projection.
   */
  public static final class MaxPoolGate implements AutoCloseable {
    private final Layer.MaxPool2d pool;
    private INDArray sum;
    private INDArray max;

    /** A gate with the given window, before any input. */
    public MaxPoolGate(Layer.MaxPool2d pool) {
      this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * Adds one timestep's input and returns what passes the gate.
     *
     * @param input spikes (or input current) {@code [n, c, h, w]}; not modified or closed
     * @return a new array {@code [n, c, h', w']}
     */
    public INDArray step(INDArray input) {
      if (sum == null) {
        sum = input.dup('c');
        max = LayerOps.apply(pool, sum);
        return max.dup();
      }
      sum.addi(input);
      INDArray now = LayerOps.apply(pool, sum);
      INDArray out = now.sub(max);
      max.close();
      max = now;
      return out;
    }

    /** Keeps the state of the given samples only (see {@link SpikingDynamics#keepRows}). */
    public void keepRows(int[] rows) {
      if (sum == null) {
        return;
      }
      INDArray s = SpikingDynamics.keepRows(sum, rows);
      INDArray m = SpikingDynamics.keepRows(max, rows);
      sum.close();
      max.close();
      sum = s;
      max = m;
    }

    @Override
    public void close() {
      if (sum != null) {
        sum.close();
        max.close();
        sum = null;
        max = null;
      }
    }
  }

  /**
   * The canonical order for conversion: max pooling commutes with ReLU ({@code relu(maxpool(x)) =
   * maxpool(relu(x))}), so every {@code maxpool -> relu} pair whose pool reads a linear layer is
   * turned into {@code relu -> maxpool}. The integrate-and-fire layer then sits before the spiking
   * max gate, which needs spikes. Node names stay: the ReLU keeps its name (and so its lambda;
   * max-activation lambdas are identical, since the pool passes the maximum), the pool keeps its
   * name, and the ReLU's consumers read the pool.
   *
   * @return {@code net} itself when nothing needs reordering, else a rewritten copy
   */
  public static Network reluBeforeMaxPool(Network net) {
    Map<String, Node> byName = net.byName();
    Map<String, Node> replace = new HashMap<>();
    Map<String, String> rename = new HashMap<>();
    for (Node node : net.nodes()) {
      if (!node.layer().isSpikingGate()) {
        continue;
      }
      String in = node.inputs().get(0);
      Node producer = byName.get(in);
      List<Node> consumers = net.consumers(node.name());
      if (producer == null
          || producer.layer().isSpikingActivation()
          || consumers.size() != 1
          || !consumers.get(0).layer().isSpikingActivation()
          || net.output().equals(node.name())) {
        continue;
      }
      Node relu = consumers.get(0);
      replace.put(node.name(), new Node(relu.name(), relu.layer(), List.of(in)));
      replace.put(relu.name(), new Node(node.name(), node.layer(), List.of(relu.name())));
      rename.put(relu.name(), node.name());
    }
    if (replace.isEmpty()) {
      return net;
    }
    List<Node> nodes = new ArrayList<>();
    for (Node node : net.nodes()) {
      Node swapped = replace.get(node.name());
      if (swapped != null) {
        nodes.add(swapped);
      } else {
        List<String> inputs = node.inputs().stream().map(i -> rename.getOrDefault(i, i)).toList();
        nodes.add(new Node(node.name(), node.layer(), inputs));
      }
    }
    String output = rename.getOrDefault(net.output(), net.output());
    return new Network(net.name(), net.inputShape(), nodes, output);
  }

  /**
   * Per-sample output shape of every spiking node, validating the whole network before any
   * simulation: every projection's ops must fit its source's shape, all projections into a node
   * must agree, thresholds and scales must broadcast to the node, and the output node must give
   * flat class scores.
   *
   * @return node name to shape without the batch dimension, in topological order
   * @throws IllegalArgumentException naming the node, the projection and both shapes
   */
  public static Map<String, long[]> shapes(SpikingNetwork net) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    Map<String, long[]> known = new HashMap<>();
    known.put(SpikingNetwork.INPUT, net.inputShape());
    for (SpikingNode node : net.nodes()) {
      long[] out = null;
      String first = null;
      for (Projection p : node.inputs()) {
        long[] s = known.get(p.source());
        for (Layer op : p.ops()) {
          try {
            s = LayerOps.outputShape(op, List.of(s));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "spiking network '"
                    + net.name()
                    + "', node '"
                    + node.name()
                    + "', projection from '"
                    + p.source()
                    + "': "
                    + e.getMessage(),
                e);
          }
        }
        if (p.scale() != null) {
          requireBroadcast(
              net, node, "scale of the projection from '" + p.source() + "'", p.scale(), s);
        }
        if (out == null) {
          out = s;
          first = p.source();
        } else if (!Arrays.equals(out, s)) {
          throw new IllegalArgumentException(
              "spiking network '"
                  + net.name()
                  + "', node '"
                  + node.name()
                  + "': the projection from '"
                  + first
                  + "' gives "
                  + Arrays.toString(out)
                  + " but the one from '"
                  + p.source()
                  + "' gives "
                  + Arrays.toString(s));
        }
      }
      if (node.neuron() instanceof Neuron.IntegrateAndFire neuron) {
        requireBroadcast(net, node, "threshold", neuron.threshold(), out);
        requireBroadcast(net, node, "initial potential", neuron.initialPotential(), out);
        requireBelowThreshold(net, node, neuron, out);
      }
      known.put(node.name(), out);
      shapes.put(node.name(), out);
    }
    long[] scores = shapes.get(net.output().name());
    if (scores.length != 1) {
      throw new IllegalArgumentException(
          "spiking network '"
              + net.name()
              + "': output node '"
              + net.output().name()
              + "' must produce class scores [classes], got "
              + Arrays.toString(scores));
    }
    return shapes;
  }

  /**
   * A neuron starting at or above its threshold would fire before any input arrives, and backends
   * that skip a node until its first input (pipelined) would then disagree on when: refused.
   */
  private static void requireBelowThreshold(
      SpikingNetwork net, SpikingNode node, Neuron.IntegrateAndFire neuron, long[] shape) {
    if (neuron.startsAtZero()) {
      return;
    }
    double gap;
    try (INDArray margin = Nd4j.zeros(DataType.DOUBLE, shape)) {
      margin.addi(aligned(neuron.threshold().castTo(DataType.DOUBLE), shape.length));
      margin.subi(aligned(neuron.initialPotential().castTo(DataType.DOUBLE), shape.length));
      gap = margin.minNumber().doubleValue();
    }
    if (!(gap > 0)) {
      throw new IllegalArgumentException(
          "spiking network '"
              + net.name()
              + "', node '"
              + node.name()
              + "': the initial potential reaches the threshold (smallest gap "
              + gap
              + "); it must stay below the threshold so that no neuron fires without input");
    }
  }

  private static void requireBroadcast(
      SpikingNetwork net, SpikingNode node, String what, INDArray a, long[] shape) {
    if (a.length() == 1) {
      return;
    }
    long[] own = a.shape();
    boolean ok = own.length <= shape.length;
    for (int i = 0; ok && i < own.length; i++) {
      long target = shape[shape.length - own.length + i];
      ok = own[i] == target || own[i] == 1;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "spiking network '"
              + net.name()
              + "', node '"
              + node.name()
              + "': "
              + what
              + " of shape "
              + Arrays.toString(own)
              + " does not broadcast to the node's shape "
              + Arrays.toString(shape)
              + " (use [1], [channels, 1, 1] for images or [features] for flat layers)");
    }
  }

  /**
   * The spike-count readout's prediction for one sample: the class with the most output spikes;
   * among classes with equally many, the one with the higher membrane potential (what is left of
   * its charge), then the lowest index. Without the potential tie-break every sample would be
   * predicted class 0 until the first output spike.
   *
   * @param counts output spikes so far, {@code classes} values from {@code from}
   * @param potential output membrane potentials, aligned with {@code counts}
   */
  public static int spikeCountWinner(float[] counts, float[] potential, int from, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      float dc = counts[from + c] - counts[from + best];
      if (dc > 0 || dc == 0 && potential[from + c] > potential[from + best]) {
        best = c;
      }
    }
    return best;
  }
}
