package org.bsnn.plugins.simulation.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A spiking network compiled for the fast backends: per node its layout, thresholds and reset, per
 * projection either a per-sample {@link SampleKernel} or the ND4J chain of the reference.
 *
 * <p>A projection gets a kernel when it reads a spiking node (not the input) and its ops are {@code
 * [flatten]* (conv2d | dense) [avgpool2d] [flatten]*} and the policy has a kernel for the weights;
 * anything else (max pooling, batch norm, a conv after a conv, the encoded input) runs through
 * {@link LayerOps} on the whole batch, as in the reference simulator.
 */
final class Plan {

  /** One synaptic path into a node. */
  static final class Path {
    final Projection projection;
    final int source; // node index, or -1 for the input
    final Layout sourceLayout; // null for the input
    final SampleKernel kernel; // null: ND4J
    final int targetSize;

    Path(
        Projection projection,
        int source,
        Layout sourceLayout,
        SampleKernel kernel,
        int targetSize) {
      this.projection = projection;
      this.source = source;
      this.sourceLayout = sourceLayout;
      this.kernel = kernel;
      this.targetSize = targetSize;
    }

    boolean fromInput() {
      return source < 0;
    }
  }

  final SpikingNetwork network;
  final int size;
  final String[] names;
  final Layout[] layouts;
  final boolean[] spiking;
  final boolean[] subtract;
  final float[] scalarThreshold; // used when thresholds[j] == null
  final float[][] thresholds; // per neuron, C order, or null
  final float[][] initialPotential; // per neuron, C order, or null for 0
  final Path[][] paths;
  final int output;

  private Plan(SpikingNetwork network, KernelPolicy policy) {
    this.network = network;
    List<SpikingNode> nodes = network.nodes();
    size = nodes.size();
    names = new String[size];
    layouts = new Layout[size];
    spiking = new boolean[size];
    subtract = new boolean[size];
    scalarThreshold = new float[size];
    thresholds = new float[size][];
    initialPotential = new float[size][];
    paths = new Path[size][];
    Map<String, Integer> index = new HashMap<>();
    Map<String, long[]> shapes = new HashMap<>();
    shapes.put(SpikingNetwork.INPUT, network.inputShape());
    for (int j = 0; j < size; j++) {
      SpikingNode node = nodes.get(j);
      names[j] = node.name();
      long[] shape = null;
      for (Projection p : node.inputs()) {
        long[] s = shapes.get(p.source());
        for (Layer op : p.ops()) {
          s = LayerOps.outputShape(op, List.of(s));
        }
        if (shape == null) {
          shape = s;
        } else if (!Arrays.equals(shape, s)) {
          throw new IllegalArgumentException(
              "spiking node '"
                  + node.name()
                  + "': its projections give shapes "
                  + Arrays.toString(shape)
                  + " and "
                  + Arrays.toString(s));
        }
      }
      shapes.put(node.name(), shape);
      layouts[j] = new Layout(shape);
      index.put(node.name(), j);
      switch (node.neuron()) {
        case Neuron.IntegrateAndFire neuron -> {
          spiking[j] = true;
          subtract[j] = neuron.reset() == ResetMode.SUBTRACT;
          if (neuron.threshold().length() == 1) {
            scalarThreshold[j] = (float) neuron.threshold().getDouble(0);
          } else {
            thresholds[j] = perNeuron(neuron.threshold(), layouts[j], node.name());
          }
          if (!neuron.startsAtZero()) {
            initialPotential[j] = perNeuron(neuron.initialPotential(), layouts[j], node.name());
          }
        }
        case Neuron.Integrator integrator -> {} // the output: integrates, never fires
      }
      List<Path> list = new ArrayList<>();
      for (Projection p : node.inputs()) {
        requireSupported(node, p);
        int source = p.source().equals(SpikingNetwork.INPUT) ? -1 : index.get(p.source());
        Layout sourceLayout = source < 0 ? null : layouts[source];
        SampleKernel kernel =
            source < 0 || !spiking[source] ? null : kernelFor(p, sourceLayout, layouts[j], policy);
        list.add(new Path(p, source, sourceLayout, kernel, layouts[j].neurons));
      }
      paths[j] = list.toArray(new Path[0]);
    }
    output = size - 1;
    if (layouts[output].image) {
      throw new IllegalArgumentException(
          "the output node '" + names[output] + "' must be flat [classes], got " + layouts[output]);
    }
  }

  /**
   * Refuses what these backends do not simulate yet rather than simulating it differently from the
   * reference: a projection that starts with max pooling (the spiking max gate of the conversion
   * work) or carries any property besides its source and ops (e.g. a residual scale).
   */
  private static void requireSupported(SpikingNode node, Projection p) {
    if (p.gated()) {
      throw new IllegalArgumentException(
          "spiking node '"
              + node.name()
              + "': a projection that starts with max pooling "
              + "(the spiking max gate) is not supported by the bitpacked and event-driven simulators yet; use time-stepped");
    }
    for (java.lang.reflect.RecordComponent rc : Projection.class.getRecordComponents()) {
      if (rc.getName().equals("source") || rc.getName().equals("ops")) {
        continue;
      }
      Object value;
      try {
        value = rc.getAccessor().invoke(p);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (value != null && !Boolean.FALSE.equals(value)) {
        throw new IllegalArgumentException(
            "spiking node '"
                + node.name()
                + "': projection property '"
                + rc.getName()
                + "' is not supported by the bitpacked and event-driven simulators yet; use time-stepped");
      }
    }
  }

  static Plan compile(SpikingNetwork network, KernelPolicy policy) {
    return new Plan(network, policy);
  }

  /** Binary synapses evaluated per sample and timestep by the per-sample kernels. */
  long binarySynapses() {
    long sum = 0;
    for (Path[] into : paths) {
      for (Path p : into) {
        sum += p.kernel != null ? p.kernel.binarySynapses() : 0;
      }
    }
    return sum;
  }

  /** Kernels in use, for logs: "node#k: description". */
  List<String> describeKernels() {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < size; j++) {
      for (int k = 0; k < paths[j].length; k++) {
        Path p = paths[j][k];
        out.add(
            names[j]
                + "#"
                + k
                + " <- "
                + p.projection.source()
                + ": "
                + (p.kernel != null
                    ? p.kernel.describe()
                    : "ND4J " + p.projection.ops().stream().map(Layer::type).toList()));
      }
    }
    return out;
  }

  /** The op as the average pooling a kernel's tail can fuse, or null. */
  private static Layer.AvgPool2d averagePool(Layer op) {
    return switch (op) {
      case Layer.AvgPool2d pool -> pool;
      case Layer.Conv2d c -> null;
      case Layer.Dense d -> null;
      case Layer.MaxPool2d p -> null;
      case Layer.BatchNorm bn -> null;
      case Layer.Relu r -> null;
      case Layer.Qcfs q -> null;
      case Layer.Dropout d -> null;
      case Layer.Flatten f -> null;
      case Layer.Add a -> null;
      case Layer.Sign s -> null;
    };
  }

  /**
   * Matches {@code [flatten]* (conv|dense) [avgpool] [flatten]*} and asks the policy for a kernel.
   */
  private static SampleKernel kernelFor(
      Projection p, Layout source, Layout target, KernelPolicy policy) {
    List<Layer> ops = p.ops();
    int i = 0;
    boolean leadingFlatten = false;
    while (i < ops.size() && ops.get(i).reshapesOnly()) {
      leadingFlatten = true;
      i++;
    }
    if (i == ops.size()) {
      return null;
    }
    Weighted weighted =
        switch (ops.get(i++)) {
          case Layer.Conv2d conv ->
              leadingFlatten || !source.image ? null : Weighted.conv(conv, source, policy);
          case Layer.Dense dense ->
              source.image && !leadingFlatten
                  ? null
                  : new Weighted(
                      Math.toIntExact(dense.outFeatures()),
                      1,
                      1,
                      false,
                      tail -> policy.dense(source, dense, tail));
          // no kernel for a chain that does not start with its weighted op: ND4J
          case Layer.AvgPool2d op -> null;
          case Layer.MaxPool2d op -> null;
          case Layer.BatchNorm op -> null;
          case Layer.Relu op -> null;
          case Layer.Qcfs op -> null;
          case Layer.Dropout op -> null;
          case Layer.Flatten op -> null;
          case Layer.Add op -> null;
          case Layer.Sign op -> null;
        };
    if (weighted == null) {
      return null;
    }
    int poolKernel = 0;
    int poolStride = 0;
    Layer.AvgPool2d pool = weighted.pools() && i < ops.size() ? averagePool(ops.get(i)) : null;
    if (pool != null) {
      poolKernel = pool.kernel();
      poolStride = pool.stride();
      i++;
    }
    while (i < ops.size() && ops.get(i).reshapesOnly()) {
      i++;
    }
    if (i != ops.size()) {
      return null;
    }
    Tail tail =
        new Tail(weighted.channels(), weighted.height(), weighted.width(), poolKernel, poolStride);
    if (tail.outSize() != target.neurons) {
      return null;
    }
    return weighted.kernel().apply(tail);
  }

  /**
   * A projection's weighted op: its output shape, whether average pooling may follow it, and how
   * the policy makes its kernel for a tail.
   */
  private record Weighted(
      int channels,
      int height,
      int width,
      boolean pools,
      java.util.function.Function<Tail, SampleKernel> kernel) {
    static Weighted conv(Layer.Conv2d conv, Layout source, KernelPolicy policy) {
      long[] s = LayerOps.outputShape(conv, List.of(source.shape));
      int h = Math.toIntExact(s[1]);
      int w = Math.toIntExact(s[2]);
      return new Weighted(
          Math.toIntExact(s[0]), h, w, true, tail -> policy.conv(source, conv, tail, h, w));
    }
  }

  /** A threshold broadcast (with leading ones) to the node's per-sample shape, C order. */
  private static float[] perNeuron(INDArray threshold, Layout layout, String node) {
    long[] shape = layout.shape;
    long[] own = threshold.shape();
    if (own.length > shape.length) {
      throw new IllegalArgumentException(
          "spiking node '"
              + node
              + "': threshold shape "
              + Arrays.toString(own)
              + " does not broadcast to "
              + Arrays.toString(shape));
    }
    long[] aligned = new long[shape.length];
    Arrays.fill(aligned, 1L);
    System.arraycopy(own, 0, aligned, shape.length - own.length, own.length);
    for (int d = 0; d < shape.length; d++) {
      if (aligned[d] != 1 && aligned[d] != shape[d]) {
        throw new IllegalArgumentException(
            "spiking node '"
                + node
                + "': threshold shape "
                + Arrays.toString(own)
                + " does not broadcast to "
                + Arrays.toString(shape));
      }
    }
    float[] values = KernelPolicy.floats(threshold.castTo(DataType.FLOAT));
    int n = layout.neurons;
    float[] chw = new float[n];
    long[] strides = new long[shape.length];
    long st = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      strides[d] = aligned[d] == 1 ? 0 : st;
      st *= aligned[d];
    }
    for (int i = 0; i < n; i++) {
      long rem = i;
      long src = 0;
      for (int d = shape.length - 1; d >= 0; d--) {
        long coord = rem % shape[d];
        rem /= shape[d];
        src += coord * strides[d];
      }
      chw[i] = values[(int) src];
    }
    return chw;
  }
}
