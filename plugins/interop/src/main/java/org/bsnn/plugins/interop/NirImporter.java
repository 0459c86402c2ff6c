package org.bsnn.plugins.interop;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Weights;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SpikingDynamics;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A NIR graph as a {@link SpikingNetwork}: every {@code IF} and {@code I} node becomes a spiking
 * node, and every path of {@code Conv2d}, {@code Affine}, {@code Linear}, {@code AvgPool2d}, {@code
 * Flatten} (and a final {@code Scale}) from the {@code Input} or another neuron node into it
 * becomes one projection. Neuron models the workbench's non-leaky integrate-and-fire dynamics
 * cannot reproduce (LIF, CubaLIF, LI, ...) and other node types are refused, naming the node; the
 * workbench's own metadata ({@link NirMetadata}) restores what NIR cannot say.
 */
final class NirImporter {

  /** The node types the importer maps. */
  static final List<String> SUPPORTED =
      List.of(
          "Input",
          "Output",
          "IF",
          "I",
          "Conv2d",
          "Affine",
          "Linear",
          "AvgPool2d",
          "Flatten",
          "Scale");

  private static final Set<String> NEURONS = Set.of("IF", "I");

  /** The global start the first exporter wrote (always 0); per-node entries replaced it. */
  private static final String LEGACY_INITIAL_POTENTIAL = "bsnn_initial_potential";

  private final Path file;
  private final NirGraph graph;
  private final boolean binary;
  private final Map<String, List<String>> incoming = new HashMap<>();
  private final Map<String, List<String>> outgoing = new HashMap<>();

  private NirImporter(Path file, NirGraph graph, boolean binary) {
    this.file = file;
    this.graph = graph;
    this.binary = binary;
  }

  /**
   * The network in {@code graph}, read from {@code file} (named in messages).
   *
   * @param binary recognise conv and dense weights that are exactly ±alpha per output as binary
   */
  static SpikingNetwork toNetwork(Path file, NirGraph graph, boolean binary) {
    return new NirImporter(file, graph, binary).build();
  }

  private SpikingNetwork build() {
    graph.nodes().forEach((name, node) -> checkType(name, node));
    for (NirGraph.Edge e : graph.edges()) {
      for (String end : List.of(e.source(), e.target())) {
        if (!graph.nodes().containsKey(end)) {
          throw fail(
              "an edge ("
                  + e.source()
                  + " -> "
                  + e.target()
                  + ") names '"
                  + end
                  + "', which is not a node of the graph");
        }
      }
      incoming.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e.source());
      outgoing.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e.target());
    }
    String input = only("Input");
    String output = only("Output");
    long[] inputShape = longs(input, graph.nodes().get(input), "shape");
    // every size below is a product of these: a zero or negative one would divide by zero later
    if (inputShape.length == 0 || Arrays.stream(inputShape).anyMatch(d -> d < 1)) {
      throw fail(
          "the Input node '"
              + input
              + "' has shape "
              + Arrays.toString(inputShape)
              + "; every dimension must be at least 1");
    }
    List<String> intoOutput = incoming.getOrDefault(output, List.of());
    if (intoOutput.size() != 1 || !isNeuron(intoOutput.get(0))) {
      throw fail(
          "the Output node '"
              + output
              + "' must have exactly one input edge, from an IF or"
              + " I node; it has "
              + intoOutput);
    }
    String last = intoOutput.get(0);
    Map<String, Object> meta = graph.metadata();
    List<String> order = order(last, meta);
    Map<String, String> resets = aligned(meta, NirMetadata.RESET, order);
    Map<String, String> thresholdShapes = aligned(meta, NirMetadata.THRESHOLD_SHAPE, order);
    Map<String, String> scaleShapes = scaleShapes(meta);
    Map<String, NirGraph.Tensor> starts = starts(meta);
    Map<String, String> startShapes = startShapes(meta, starts);

    Map<String, long[]> known = new HashMap<>();
    known.put(SpikingNetwork.INPUT, inputShape);
    List<SpikingNode> nodes = new ArrayList<>();
    for (String name : order) {
      List<Projection> projections = new ArrayList<>();
      long[] shape = null;
      for (String source : incoming.getOrDefault(name, List.of())) {
        Projection p = projection(name, source, input, known, scaleShapes);
        long[] s = known.get(p.source());
        for (Layer op : p.ops()) {
          s = LayerOps.outputShape(op, List.of(s));
        }
        shape = s;
        projections.add(p);
      }
      if (projections.isEmpty()) {
        throw fail("node '" + name + "' (" + type(name) + ") has no input edge");
      }
      Neuron neuron =
          neuron(
              name,
              shape,
              resets.get(name),
              thresholdShapes.get(name),
              starts.get(name),
              startShapes.get(name));
      nodes.add(new SpikingNode(name, projections, neuron));
      known.put(name, shape);
    }
    long[] outShape = longs(output, graph.nodes().get(output), "shape");
    if (!Arrays.equals(outShape, known.get(last))) {
      throw fail(
          "the Output node '"
              + output
              + "' has shape "
              + Arrays.toString(outShape)
              + " but '"
              + last
              + "' gives "
              + Arrays.toString(known.get(last)));
    }
    Readout readout =
        NirMetadata.text(meta, NirMetadata.READOUT)
            .map(t -> enumValue(Readout.class, t, NirMetadata.READOUT))
            .orElse(type(last).equals("I") ? Readout.POTENTIAL : Readout.SPIKE_COUNT);
    Encoding encoding =
        NirMetadata.text(meta, NirMetadata.ENCODING)
            .map(t -> enumValue(Encoding.class, t, NirMetadata.ENCODING))
            .orElse(Encoding.DIRECT);
    Propagation propagation =
        NirMetadata.text(meta, NirMetadata.PROPAGATION)
            .map(t -> enumValue(Propagation.class, t, NirMetadata.PROPAGATION))
            .orElse(Propagation.SAME_STEP);
    // the first exporter wrote one global start, always 0; a non-zero one would be dropped silently
    if (meta.get(LEGACY_INITIAL_POTENTIAL) instanceof NirGraph.Tensor v0
        && (v0.size() != 1 || v0.values()[0] != 0f)) {
      throw fail(
          "metadata "
              + LEGACY_INITIAL_POTENTIAL
              + " (one start for every neuron) is not 0 and is not read; give each IF node's"
              + " start as "
              + NirMetadata.INITIAL_POTENTIAL
              + "<node>");
    }
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put("nir", file.getFileName().toString());
    notes.put("nirVersion", graph.version());
    String name =
        NirMetadata.text(meta, NirMetadata.NAME)
            .orElse(file.getFileName().toString().replaceFirst("\\.nir$", ""));
    SpikingNetwork net;
    try {
      net = new SpikingNetwork(name, inputShape, nodes, encoding, propagation, readout, notes);
      SpikingDynamics.shapes(net);
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
    return net;
  }

  private void checkType(String name, NirGraph.Node node) {
    if (SUPPORTED.contains(node.type())) {
      return;
    }
    String why =
        switch (node.type()) {
          case "LIF", "CubaLIF", "LI", "CubaLI" ->
              "its leak (tau, v_leak) has no equivalent in the workbench's non-leaky"
                  + " integrate-and-fire neurons";
          case "NIRGraph" -> "nested graphs are not imported; flatten the graph first";
          case "SumPool2d" -> "sum pooling is not a workbench layer (average pooling is)";
          default -> "the workbench has no equivalent";
        };
    throw fail(
        "node '"
            + name
            + "' is of type "
            + node.type()
            + ", which cannot be imported ("
            + why
            + "); supported types: "
            + SUPPORTED);
  }

  /** The spiking nodes in the order to build them: the file's when recorded, else topological. */
  private List<String> order(String last, Map<String, Object> meta) {
    List<String> neurons = graph.nodes().keySet().stream().filter(this::isNeuron).toList();
    Optional<List<String>> recorded = NirMetadata.texts(meta, NirMetadata.NODE_ORDER);
    if (recorded.isPresent()) {
      List<String> r = recorded.get();
      if (!new HashSet<>(r).equals(new HashSet<>(neurons)) || r.size() != neurons.size()) {
        throw fail(
            "metadata "
                + NirMetadata.NODE_ORDER
                + " lists "
                + r
                + " but the graph's IF and I nodes are "
                + neurons);
      }
      if (!r.get(r.size() - 1).equals(last)) {
        throw fail(
            "metadata "
                + NirMetadata.NODE_ORDER
                + " ends with '"
                + r.get(r.size() - 1)
                + "' but the Output reads '"
                + last
                + "'");
      }
      return r;
    }
    // Kahn's algorithm over neuron-to-neuron dependencies, in file order; the output goes last
    Map<String, Set<String>> deps = new LinkedHashMap<>();
    for (String n : neurons) {
      Set<String> d = new HashSet<>();
      for (String src : incoming.getOrDefault(n, List.of())) {
        d.add(upstreamNeuron(n, src));
      }
      d.remove(SpikingNetwork.INPUT);
      d.remove(only("Input"));
      deps.put(n, d);
    }
    List<String> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    while (out.size() < neurons.size()) {
      String next = null;
      for (String n : neurons) {
        if (!done.contains(n)
            && done.containsAll(deps.get(n))
            && (!n.equals(last) || out.size() == neurons.size() - 1)) {
          next = n;
          break;
        }
      }
      if (next == null) {
        throw fail(
            "the IF and I nodes form a cycle, or '"
                + last
                + "' (read by the Output) feeds"
                + " another neuron node; only feed-forward graphs can be imported");
      }
      out.add(next);
      done.add(next);
    }
    return out;
  }

  /** The neuron node (or the Input) a path into {@code target} through {@code src} starts from. */
  private String upstreamNeuron(String target, String src) {
    String at = src;
    Set<String> seen = new HashSet<>();
    while (!isNeuron(at) && !type(at).equals("Input")) {
      List<String> in = incoming.getOrDefault(at, List.of());
      if (in.size() != 1 || !seen.add(at)) {
        throw fail(
            "node '"
                + at
                + "' ("
                + type(at)
                + ") on the way into '"
                + target
                + "' has "
                + in.size()
                + " input edges; only IF and I nodes may sum several inputs");
      }
      at = in.get(0);
    }
    return at;
  }

  private Projection projection(
      String target,
      String source,
      String input,
      Map<String, long[]> known,
      Map<String, String> scaleShapes) {
    Deque<String> chain = new ArrayDeque<>();
    String start = upstreamNeuron(target, source);
    for (String at = source; !at.equals(start); at = incoming.get(at).get(0)) {
      chain.addFirst(at);
    }
    String from = start.equals(input) ? SpikingNetwork.INPUT : start;
    if (!known.containsKey(from)) {
      throw fail("node '" + target + "' reads '" + start + "', which comes later in the order");
    }
    long[] shape = known.get(from);
    List<Layer> ops = new ArrayList<>();
    INDArray scale = null;
    for (String at : chain) {
      if (scale != null) {
        throw fail(
            "Scale node before '"
                + at
                + "' on the way into '"
                + target
                + "': a Scale is"
                + " imported only directly before an IF or I node");
      }
      NirGraph.Node node = graph.nodes().get(at);
      if (node.type().equals("Scale")) {
        NirGraph.Tensor s = tensor(at, node, "scale");
        requireShape(at, "scale", s, shape);
        scale =
            compress(
                at,
                "scale",
                s,
                shape,
                Optional.ofNullable(scaleShapes.get(at)).map(text -> recordedShape(at, text)));
        continue;
      }
      Layer op = layer(at, node, shape);
      try {
        shape = LayerOps.outputShape(op, List.of(shape));
      } catch (IllegalArgumentException e) {
        throw fail("node '" + at + "' (" + node.type() + "): " + e.getMessage());
      }
      ops.add(op);
    }
    if (scale != null && outgoing.getOrDefault(chain.getLast(), List.of()).size() != 1) {
      throw fail("Scale node '" + chain.getLast() + "' feeds several nodes");
    }
    try {
      return new Projection(from, ops, scale);
    } catch (IllegalArgumentException e) {
      throw fail("the path from '" + start + "' into '" + target + "': " + e.getMessage());
    }
  }

  private Layer layer(String name, NirGraph.Node node, long[] in) {
    return switch (node.type()) {
      case "Conv2d" -> conv(name, node, in);
      case "Affine", "Linear" -> {
        NirGraph.Tensor w = tensor(name, node, "weight");
        if (w.shape().length != 2) {
          throw fail(name, node, "weight must be [out, in], got " + Arrays.toString(w.shape()));
        }
        INDArray bias = node.type().equals("Affine") ? bias(name, node, w.shape()[0]) : null;
        yield new Layer.Dense(weights(name, w), bias);
      }
      case "AvgPool2d" -> {
        long k = square(name, node, "kernel_size");
        long s = square(name, node, "stride");
        long p = square(name, node, "padding");
        if (p != 0) {
          throw fail(name, node, "padding " + p + ": only unpadded pooling is supported");
        }
        yield new Layer.AvgPool2d((int) k, (int) s);
      }
      case "Flatten" -> {
        long start = scalar(name, node, "start_dim");
        long end = scalar(name, node, "end_dim");
        if (start != 0 || !(end == -1 || end == in.length - 1)) {
          throw fail(
              name,
              node,
              "start_dim "
                  + start
                  + ", end_dim "
                  + end
                  + ": only flattening"
                  + " the whole per-sample tensor (start_dim 0, end_dim -1) is supported");
        }
        if (node.fields().get("input_type") instanceof NirGraph.Tensor t
            && !Arrays.equals(toLongs(t), in)) {
          throw fail(
              name,
              node,
              "input_type "
                  + Arrays.toString(toLongs(t))
                  + " but its input"
                  + " has shape "
                  + Arrays.toString(in));
        }
        yield new Layer.Flatten();
      }
      default -> throw new IllegalStateException("not an op: " + node.type());
    };
  }

  private Layer conv(String name, NirGraph.Node node, long[] in) {
    NirGraph.Tensor w = tensor(name, node, "weight");
    long[] ws = w.shape();
    if (ws.length != 4 || ws[2] != ws[3]) {
      throw fail(
          name,
          node,
          "weight must be [out, in, k, k] with a square kernel, got " + Arrays.toString(ws));
    }
    long stride = square(name, node, "stride");
    long padding = square(name, node, "padding");
    long dilation = square(name, node, "dilation");
    long groups = scalar(name, node, "groups");
    if (dilation != 1 || groups != 1) {
      throw fail(
          name,
          node,
          "dilation "
              + dilation
              + ", groups "
              + groups
              + ": only dilation 1"
              + " and groups 1 are supported");
    }
    if (node.fields().get("input_shape") instanceof NirGraph.Tensor t
        && in.length == 3
        && !Arrays.equals(toLongs(t), new long[] {in[1], in[2]})) {
      throw fail(
          name,
          node,
          "input_shape "
              + Arrays.toString(toLongs(t))
              + " but its input has"
              + " shape "
              + Arrays.toString(in));
    }
    try {
      return new Layer.Conv2d(
          (int) ws[2], (int) stride, (int) padding, weights(name, w), bias(name, node, ws[0]));
    } catch (IllegalArgumentException e) {
      throw fail(name, node, e.getMessage());
    }
  }

  private Neuron neuron(
      String name,
      long[] shape,
      String reset,
      String thresholdShape,
      NirGraph.Tensor start,
      String startShape) {
    NirGraph.Node node = graph.nodes().get(name);
    NirGraph.Tensor r = tensor(name, node, "r");
    requireShape(name, "r", r, shape);
    for (float v : r.values()) {
      if (v != 1f) {
        throw fail(
            name,
            node,
            "r = "
                + v
                + ": only r = 1 (input current adds to the potential"
                + " unscaled) is supported");
      }
    }
    if (node.type().equals("I")) {
      return new Neuron.Integrator();
    }
    NirGraph.Tensor threshold = tensor(name, node, "v_threshold");
    requireShape(name, "v_threshold", threshold, shape);
    NirGraph.Tensor vReset = node.fields().get("v_reset") instanceof NirGraph.Tensor t ? t : null;
    if (vReset != null) {
      requireShape(name, "v_reset", vReset, shape);
      for (float v : vReset.values()) {
        if (v != 0f) {
          throw fail(
              name,
              node,
              "v_reset = "
                  + v
                  + ": only a reset to 0 (or, with the"
                  + " workbench's metadata, by subtraction) is supported");
        }
      }
    }
    ResetMode mode =
        reset == null ? ResetMode.ZERO : enumValue(ResetMode.class, reset, NirMetadata.RESET);
    INDArray t =
        compress(
            name,
            "v_threshold",
            threshold,
            shape,
            Optional.ofNullable(thresholdShape).map(text -> recordedShape(name, text)));
    INDArray v0 =
        start == null
            ? Nd4j.zeros(DataType.FLOAT, 1)
            : initialPotential(name, shape, threshold, start, startShape);
    try {
      return new Neuron.IntegrateAndFire(t, mode, v0);
    } catch (IllegalArgumentException e) {
      throw fail(name, node, e.getMessage());
    }
  }

  /**
   * The start of IF node {@code name} from its metadata tensor (of the node's shape, finite, below
   * {@code threshold} everywhere), compressed to the recorded shape.
   */
  private INDArray initialPotential(
      String name, long[] shape, NirGraph.Tensor threshold, NirGraph.Tensor start, String target) {
    String key = NirMetadata.INITIAL_POTENTIAL + name;
    requireShape(name, "metadata " + key, start, shape);
    for (int i = 0; i < start.size(); i++) {
      // a neuron at or above its threshold would fire before any input arrives
      if (!(start.values()[i] < threshold.values()[i])) {
        throw fail(
            name,
            graph.nodes().get(name),
            "metadata "
                + key
                + " holds "
                + start.values()[i]
                + " at flat index "
                + i
                + ", not below v_threshold "
                + threshold.values()[i]
                + " there; a neuron must start below its threshold so that it does not fire"
                + " without input");
      }
    }
    Optional<long[]> recorded;
    try {
      recorded = Optional.ofNullable(target).map(NirMetadata::parseShape);
    } catch (IllegalArgumentException e) {
      throw fail("metadata " + NirMetadata.INITIAL_POTENTIAL_SHAPE + name + ": " + e.getMessage());
    }
    return compress(name, key, start, shape, recorded);
  }

  /**
   * {@code full} (of the node's shape) as the smallest array that broadcasts back to it: {@code
   * target} when the metadata records it, else [1] when all values are equal, [c, 1, 1] when they
   * are equal per channel, else the full shape.
   */
  private INDArray compress(
      String name, String field, NirGraph.Tensor full, long[] shape, Optional<long[]> target) {
    List<long[]> candidates = new ArrayList<>();
    target.ifPresent(candidates::add);
    if (target.isEmpty()) {
      candidates.add(new long[] {1});
      if (shape.length == 3) {
        candidates.add(new long[] {shape[0], 1, 1});
      }
      candidates.add(shape.clone());
    }
    for (long[] c : candidates) {
      if (c.length > shape.length) {
        continue;
      }
      // leading ones up to the node's rank, as the simulators align thresholds and scales
      long[] aligned = new long[shape.length];
      Arrays.fill(aligned, 1L);
      System.arraycopy(c, 0, aligned, shape.length - c.length, c.length);
      float[] reduced = reduce(full.values(), shape, aligned);
      if (reduced != null) {
        return Nd4j.create(reduced, c, DataType.FLOAT);
      }
    }
    throw fail(
        "node '"
            + name
            + "': "
            + field
            + " does not match the shape "
            + Arrays.toString(candidates.get(0))
            + " the metadata records for it");
  }

  /**
   * The values at the origin of every broadcast dimension of {@code target} (same rank as {@code
   * shape}), or null when they are not constant along them.
   */
  private static float[] reduce(float[] values, long[] shape, long[] target) {
    for (int d = 0; d < shape.length; d++) {
      // checked before any division: a recorded shape of a corrupt file may hold 0
      if (shape[d] < 1 || (target[d] != 1 && target[d] != shape[d])) {
        return null;
      }
    }
    int n = values.length;
    int[] strides = new int[shape.length];
    for (int d = shape.length - 1, s = 1; d >= 0; d--) {
      strides[d] = s;
      s *= (int) shape[d];
    }
    int outSize = (int) Arrays.stream(target).reduce(1, (a, b) -> a * b);
    float[] out = new float[outSize];
    boolean[] set = new boolean[outSize];
    for (int i = 0; i < n; i++) {
      int o = 0;
      for (int d = 0, os = outSize; d < shape.length; d++) {
        os /= (int) target[d];
        int idx = (i / strides[d]) % (int) shape[d];
        if (target[d] != 1 && target[d] != shape[d]) {
          return null;
        }
        o += (target[d] == 1 ? 0 : idx) * os;
      }
      if (!set[o]) {
        out[o] = values[i];
        set[o] = true;
      } else if (Float.floatToRawIntBits(out[o]) != Float.floatToRawIntBits(values[i])) {
        return null;
      }
    }
    return out;
  }

  private Weights weights(String name, NirGraph.Tensor w) {
    requireFinite(name, "weight", w);
    if (binary) {
      Optional<Weights.Binary> b = BinaryWeights.recognise(w.values(), w.shape());
      if (b.isPresent()) {
        return b.get();
      }
    }
    return new Weights.FullPrecision(Nd4j.create(w.values(), w.shape(), DataType.FLOAT));
  }

  /** The bias, or null when it is absent or all zero (adding zeros changes nothing). */
  private INDArray bias(String name, NirGraph.Node node, long outputs) {
    if (!(node.fields().get("bias") instanceof NirGraph.Tensor b)) {
      return null;
    }
    requireFinite(name, "bias", b);
    if (b.size() != outputs) {
      throw fail(name, node, "bias has " + b.size() + " values for " + outputs + " outputs");
    }
    boolean zero = true;
    for (float v : b.values()) {
      zero &= v == 0f;
    }
    return zero ? null : Nd4j.create(b.values(), new long[] {outputs}, DataType.FLOAT);
  }

  private void requireFinite(String name, String field, NirGraph.Tensor t) {
    for (int i = 0; i < t.size(); i++) {
      if (!Float.isFinite(t.values()[i])) {
        throw fail(
            "node '"
                + name
                + "' ("
                + type(name)
                + "): "
                + field
                + " holds "
                + t.values()[i]
                + " at flat index "
                + i
                + "; parameters must be finite");
      }
    }
  }

  private void requireShape(String name, String field, NirGraph.Tensor t, long[] shape) {
    requireFinite(name, field, t);
    boolean scalarOk = t.size() == 1 && Arrays.stream(shape).reduce(1, (a, b) -> a * b) == 1;
    if (!Arrays.equals(t.shape(), shape) && !scalarOk) {
      throw fail(
          "node '"
              + name
              + "' ("
              + type(name)
              + "): "
              + field
              + " has shape "
              + Arrays.toString(t.shape())
              + " but the node's input has shape "
              + Arrays.toString(shape));
    }
  }

  private NirGraph.Tensor tensor(String name, NirGraph.Node node, String field) {
    if (node.fields().get(field) instanceof NirGraph.Tensor t) {
      return t;
    }
    throw fail(name, node, "no numeric '" + field + "' dataset");
  }

  private long scalar(String name, NirGraph.Node node, String field) {
    NirGraph.Tensor t = tensor(name, node, field);
    if (t.size() != 1) {
      throw fail(name, node, field + " must be one number, got " + t);
    }
    return (long) t.values()[0];
  }

  /** A value given as one number or as equal (height, width). */
  private long square(String name, NirGraph.Node node, String field) {
    NirGraph.Tensor t = tensor(name, node, field);
    long[] v = toLongs(t);
    if (v.length == 1 || (v.length == 2 && v[0] == v[1])) {
      return v[0];
    }
    throw fail(
        name,
        node,
        field + " " + Arrays.toString(v) + ": only equal height and width are" + " supported");
  }

  private long[] longs(String name, NirGraph.Node node, String field) {
    return toLongs(tensor(name, node, field));
  }

  private static long[] toLongs(NirGraph.Tensor t) {
    long[] out = new long[t.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (long) t.values()[i];
    }
    return out;
  }

  private String only(String type) {
    List<String> found =
        graph.nodes().entrySet().stream()
            .filter(e -> e.getValue().type().equals(type))
            .map(Map.Entry::getKey)
            .toList();
    if (found.size() != 1) {
      throw fail("the graph needs exactly one " + type + " node, found " + found);
    }
    return found.get(0);
  }

  private Map<String, String> aligned(Map<String, Object> meta, String key, List<String> order) {
    Map<String, String> out = new HashMap<>();
    NirMetadata.texts(meta, key)
        .ifPresent(
            values -> {
              if (values.size() != order.size()) {
                throw fail(
                    "metadata "
                        + key
                        + " has "
                        + values.size()
                        + " entries for "
                        + order.size()
                        + " IF and I nodes");
              }
              for (int i = 0; i < values.size(); i++) {
                out.put(order.get(i), values.get(i));
              }
            });
    if (!NirMetadata.texts(meta, NirMetadata.NODE_ORDER).isPresent() && !out.isEmpty()) {
      throw fail("metadata " + key + " needs " + NirMetadata.NODE_ORDER);
    }
    return out;
  }

  /** The per-node starts of the metadata, by IF node name. */
  private Map<String, NirGraph.Tensor> starts(Map<String, Object> meta) {
    Map<String, NirGraph.Tensor> out = new HashMap<>();
    meta.forEach(
        (key, value) -> {
          if (!key.startsWith(NirMetadata.INITIAL_POTENTIAL)) {
            return;
          }
          String node = key.substring(NirMetadata.INITIAL_POTENTIAL.length());
          if (!type(node).equals("IF")) {
            throw fail(
                "metadata "
                    + key
                    + " gives a start to '"
                    + node
                    + "', which is "
                    + (graph.nodes().containsKey(node)
                        ? "a node of type " + type(node)
                        : "not a node of the graph")
                    + "; only IF nodes have an initial potential");
          }
          if (!(value instanceof NirGraph.Tensor t)) {
            throw fail("metadata " + key + " is " + value + ", not a numeric dataset");
          }
          out.put(node, t);
        });
    return out;
  }

  /** The per-node start shapes of the metadata, each for a node with a start. */
  private Map<String, String> startShapes(
      Map<String, Object> meta, Map<String, NirGraph.Tensor> starts) {
    Map<String, String> out = new HashMap<>();
    meta.forEach(
        (key, value) -> {
          if (!key.startsWith(NirMetadata.INITIAL_POTENTIAL_SHAPE)) {
            return;
          }
          String node = key.substring(NirMetadata.INITIAL_POTENTIAL_SHAPE.length());
          if (!starts.containsKey(node)) {
            throw fail(
                "metadata "
                    + key
                    + " has no "
                    + NirMetadata.INITIAL_POTENTIAL
                    + node
                    + " to go with it");
          }
          if (!(value instanceof String text)) {
            throw fail("metadata " + key + " is not a shape string such as \"[1]\"");
          }
          out.put(node, text);
        });
    return out;
  }

  private Map<String, String> scaleShapes(Map<String, Object> meta) {
    Map<String, String> out = new HashMap<>();
    List<String> names = NirMetadata.texts(meta, NirMetadata.SCALE_NODES).orElse(List.of());
    List<String> shapes = NirMetadata.texts(meta, NirMetadata.SCALE_SHAPES).orElse(List.of());
    if (names.size() != shapes.size()) {
      throw fail(
          "metadata "
              + NirMetadata.SCALE_NODES
              + " and "
              + NirMetadata.SCALE_SHAPES
              + " differ in length");
    }
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), shapes.get(i));
    }
    return out;
  }

  private <E extends Enum<E>> E enumValue(Class<E> type, String text, String key) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw fail(
          "metadata "
              + key
              + " is '"
              + text
              + "'; expected one of "
              + Arrays.stream(type.getEnumConstants()).map(NirMetadata::lower).toList());
    }
  }

  private boolean isNeuron(String name) {
    return NEURONS.contains(type(name));
  }

  private String type(String name) {
    NirGraph.Node n = graph.nodes().get(name);
    return n == null ? "?" : n.type();
  }

  /** A shape the workbench's metadata records for node {@code name}. */
  private long[] recordedShape(String name, String text) {
    try {
      return NirMetadata.parseShape(text);
    } catch (IllegalArgumentException e) {
      // NumberFormatException included: a corrupt entry such as "[#]"
      throw fail(
          "metadata gives node '"
              + name
              + "' the shape '"
              + text
              + "', not a list of whole numbers such as [64, 1, 1]");
    }
  }

  private UserFacingException fail(String name, NirGraph.Node node, String message) {
    return fail("node '" + name + "' (" + node.type() + "): " + message);
  }

  private UserFacingException fail(String message) {
    return new UserFacingException(file + ": " + message);
  }
}
