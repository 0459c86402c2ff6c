package org.bsnn.plugins.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps the graph of one ONNX model onto the network IR, node by node in the file's (topological)
 * order. Every tensor of the graph is either an activation (the output of an IR node, or the input)
 * or a constant (an initializer, a {@code Constant}, or shape arithmetic folded here); the
 * exporter's patterns reduce to IR nodes or to aliases: {@code Shape}/{@code Gather}/{@code
 * Unsqueeze}/{@code Concat} feeding a {@code Reshape} to 2-D become a {@code flatten}, a {@code
 * Pad} with all-zero pads and {@code Identity} become nothing, a {@code MatMul} followed by the
 * {@code Add} of a constant becomes one {@code dense} with a bias.
 */
final class OnnxGraphMapper {

  /** The operators the importer maps, as its messages list them. */
  static final List<String> SUPPORTED =
      List.of(
          "Conv",
          "Gemm",
          "MatMul",
          "Add",
          "Relu",
          "AveragePool",
          "MaxPool",
          "GlobalAveragePool",
          "Flatten",
          "Reshape",
          "BatchNormalization",
          "Dropout",
          "Identity",
          "Pad",
          "Constant",
          "Shape",
          "Gather",
          "Unsqueeze",
          "Concat");

  /** A tensor of the graph while mapping. */
  private sealed interface Value permits Activation, Constant {}

  /**
   * The output of IR node {@code node} (or the network input), per-sample {@code shape}.
   *
   * @param tensor the ONNX tensor name it was first produced as, to count its readers
   */
  private record Activation(String node, long[] shape, String tensor) implements Value {}

  private record Constant(OnnxTensor tensor) implements Value {}

  private final String file;
  private final boolean binary;
  private final Map<String, Value> values = new HashMap<>();
  private final LinkedHashMap<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Integer> readers = new HashMap<>();
  private final Set<String> usedNames = new HashSet<>();
  private long fixedBatch = -1;

  private Onnx.NodeProto current;
  private String currentLabel;

  /**
   * @param file how messages name the model file
   * @param binary recognise layers whose weights are ±alpha per output as binary weights
   */
  OnnxGraphMapper(String file, boolean binary) {
    this.file = file;
    this.binary = binary;
  }

  /** Maps the graph; {@code name} becomes the network's name. */
  Network map(Onnx.GraphProto graph, String name) {
    Set<String> initializers = new HashSet<>();
    for (Onnx.TensorProto t : graph.getInitializerList()) {
      initializers.add(t.getName());
      values.put(t.getName(), new Constant(readTensor(t, "initializer '" + t.getName() + "'")));
    }
    long[] inputShape = readInput(graph, initializers);
    for (Onnx.NodeProto n : graph.getNodeList()) {
      for (String in : n.getInputList()) {
        readers.merge(in, 1, Integer::sum);
      }
    }
    for (Onnx.ValueInfoProto out : graph.getOutputList()) {
      readers.merge(out.getName(), 1, Integer::sum);
    }
    for (Onnx.NodeProto n : graph.getNodeList()) {
      current = n;
      currentLabel =
          "node '"
              + (n.getName().isEmpty() ? "(unnamed)" : n.getName())
              + "' ("
              + n.getOpType()
              + ")";
      try {
        mapNode(n);
      } catch (IllegalArgumentException | ArithmeticException e) {
        // a value the IR's layer records reject (e.g. a dropout ratio of 1, a non-positive epsilon)
        throw fail(e.getMessage());
      }
    }
    current = null;
    String output = readOutput(graph);
    List<Node> list = new ArrayList<>(nodes.values());
    if (binary) {
      list.replaceAll(OnnxGraphMapper::recogniseBinary);
    }
    try {
      return new Network(name, inputShape, list, output);
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
  }

  private long[] readInput(Onnx.GraphProto graph, Set<String> initializers) {
    List<Onnx.ValueInfoProto> inputs =
        graph.getInputList().stream().filter(i -> !initializers.contains(i.getName())).toList();
    if (inputs.size() != 1) {
      throw fail(
          "the graph has "
              + inputs.size()
              + " inputs "
              + inputs.stream().map(Onnx.ValueInfoProto::getName).toList()
              + "; the IR takes exactly one image input");
    }
    Onnx.ValueInfoProto in = inputs.get(0);
    String what = "graph input '" + in.getName() + "'";
    if (!in.getType().hasTensorType()) {
      throw fail(what + " is not a tensor");
    }
    Onnx.TypeProto.Tensor type = in.getType().getTensorType();
    if (type.getElemType() != 1) {
      throw fail(
          what
              + " has element type "
              + Onnx.TensorProto.DataType.forNumber(type.getElemType())
              + "; the IR takes FLOAT images");
    }
    List<Onnx.TensorShapeProto.Dimension> dims = type.getShape().getDimList();
    if (dims.size() != 4) {
      throw fail(
          what
              + " has "
              + dims.size()
              + " dimensions; the IR takes images [batch, channels, height, width]");
    }
    long[] shape = new long[3];
    for (int i = 1; i < 4; i++) {
      Onnx.TensorShapeProto.Dimension d = dims.get(i);
      if (!d.hasDimValue() || d.getDimValue() < 1) {
        throw fail(
            what
                + " has a dynamic "
                + List.of("batch", "channels", "height", "width").get(i)
                + " dimension ("
                + (d.hasDimParam() ? "'" + d.getDimParam() + "'" : "unknown")
                + "); the IR needs fixed channels, height and width: export with a fixed-size "
                + "dummy input and dynamic axes on the batch dimension only");
      }
      shape[i - 1] = d.getDimValue();
    }
    if (dims.get(0).hasDimValue()) {
      fixedBatch = dims.get(0).getDimValue();
    }
    values.put(in.getName(), new Activation(Network.INPUT, shape, in.getName()));
    return shape;
  }

  private String readOutput(Onnx.GraphProto graph) {
    if (graph.getOutputCount() != 1) {
      throw fail(
          "the graph has "
              + graph.getOutputCount()
              + " outputs; the IR has one output, the class scores");
    }
    String name = graph.getOutput(0).getName();
    Value v = values.get(name);
    if (!(v instanceof Activation a) || a.node().equals(Network.INPUT)) {
      throw fail(
          "graph output '" + name + "' is not computed from the input by the graph's operators");
    }
    if (a.shape().length != 1) {
      throw fail(
          "graph output '"
              + name
              + "' has per-image shape "
              + Arrays.toString(a.shape())
              + "; the IR's output must be class scores [batch, classes]");
    }
    return a.node();
  }

  private void mapNode(Onnx.NodeProto n) {
    String domain = n.getDomain();
    if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
      throw unsupported();
    }
    if (n.getOutputCount() == 0) {
      throw fail("has no output; every operator the importer maps produces at least one");
    }
    OnnxAttributes at = new OnnxAttributes(n);
    switch (n.getOpType()) {
      case "Constant" -> constant(at);
      case "Identity" -> alias(value(0));
      case "Dropout" -> dropout();
      case "Relu" -> add(new Layer.Relu(), activation(0));
      case "Conv" -> conv(at);
      case "Gemm" -> gemm(at);
      case "MatMul" -> matMul();
      case "Add" -> addNode();
      case "BatchNormalization" -> batchNorm(at);
      case "AveragePool" -> pool(at, true);
      case "MaxPool" -> pool(at, false);
      case "GlobalAveragePool" -> globalAveragePool();
      case "Flatten" -> flatten(at);
      case "Reshape" -> reshape();
      case "Pad" -> pad(at);
      case "Shape" -> shape();
      case "Gather" -> gather(at);
      case "Unsqueeze" -> unsqueeze(at);
      case "Concat" -> concat(at);
      default -> throw unsupported();
    }
  }

  // ---- operators ----

  private void constant(OnnxAttributes at) {
    Onnx.TensorProto t = at.tensor("value");
    if (t == null) {
      throw fail(
          "only Constant nodes with a 'value' tensor are supported (attributes: "
              + current.getAttributeList().stream().map(Onnx.AttributeProto::getName).toList()
              + ")");
    }
    define(new Constant(readTensor(t, "the value of " + currentLabel)));
  }

  private void dropout() {
    if (current.getInputCount() > 2 && !current.getInput(2).isEmpty()) {
      OnnxTensor training = constant(2, "training_mode");
      if (training.asLongs().length > 0 && training.asLongs()[0] != 0) {
        throw fail("training_mode is true; export the model in eval mode");
      }
    }
    double rate = 0.5;
    if (current.getInputCount() > 1 && !current.getInput(1).isEmpty()) {
      rate = constant(1, "ratio").asFloats()[0];
    }
    if (current.getOutputCount() > 1 && !current.getOutput(1).isEmpty()) {
      requireUnread(current.getOutput(1), "mask");
    }
    Activation in = activation(0);
    add(new Layer.Dropout(rate), in);
  }

  private void conv(OnnxAttributes at) {
    Activation x = activation(0);
    OnnxTensor w = weight(1, "weight");
    if (at.integer("group", 1) != 1) {
      throw fail(
          "group = "
              + at.integer("group", 1)
              + ": grouped and depthwise convolutions are not supported; the IR's conv2d has "
              + "group 1");
    }
    if (w.shape().length != 4) {
      throw fail(
          "weight '"
              + current.getInput(1)
              + "' has shape "
              + Arrays.toString(w.shape())
              + "; only 2-D convolutions [out, in, k, k] are supported");
    }
    long k = w.shape()[2];
    if (w.shape()[3] != k) {
      throw fail(
          "kernel "
              + w.shape()[2]
              + "x"
              + w.shape()[3]
              + " is not square; the IR's conv2d has square kernels");
    }
    checkNoDilation(at);
    String autoPad = at.string("auto_pad", "NOTSET");
    if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
      throw fail("auto_pad = " + autoPad + " is not supported; export with explicit pads");
    }
    int stride = squareStride(at);
    int padding = symmetricPadding(at.integers("pads"));
    INDArray bias = null;
    if (current.getInputCount() > 2 && !current.getInput(2).isEmpty()) {
      bias = weight(2, "bias").toArray().reshape(w.shape()[0]);
    }
    Layer.Conv2d layer =
        new Layer.Conv2d((int) k, stride, padding, new Weights.FullPrecision(w.toArray()), bias);
    add(layer, x);
  }

  private void gemm(OnnxAttributes at) {
    Activation a = activation(0);
    if (at.integer("transA", 0) != 0) {
      throw fail("transA = 1 is not supported: the first input must be the activations");
    }
    OnnxTensor b = weight(1, "B");
    if (b.shape().length != 2) {
      throw fail("B has shape " + Arrays.toString(b.shape()) + "; Gemm needs a 2-D weight");
    }
    INDArray w = b.toArray();
    if (at.integer("transB", 0) == 0) {
      w = w.transpose().dup('c');
    }
    float alpha = at.real("alpha", 1f);
    if (alpha != 1f) {
      w.muli(alpha);
    }
    INDArray bias = null;
    if (current.getInputCount() > 2 && !current.getInput(2).isEmpty()) {
      OnnxTensor c = weight(2, "C");
      if (c.size() != w.size(0)) {
        throw fail(
            "C has shape "
                + Arrays.toString(c.shape())
                + "; only a bias with one value per output ("
                + w.size(0)
                + ") is supported");
      }
      bias = c.toArray().reshape(w.size(0)).muli(at.real("beta", 1f));
    }
    add(new Layer.Dense(new Weights.FullPrecision(w), bias), a);
  }

  private void matMul() {
    Activation a = activation(0);
    OnnxTensor b = weight(1, "B");
    if (b.shape().length != 2) {
      throw fail(
          "B has shape "
              + Arrays.toString(b.shape())
              + "; only activations times a 2-D weight matrix are supported");
    }
    INDArray w = b.toArray().transpose().dup('c');
    add(new Layer.Dense(new Weights.FullPrecision(w), null), a);
  }

  private void addNode() {
    Value left = value(0);
    Value right = value(1);
    if (left instanceof Activation l && right instanceof Activation r) {
      if (!Arrays.equals(l.shape(), r.shape())) {
        throw fail(
            "adds shapes "
                + Arrays.toString(l.shape())
                + " and "
                + Arrays.toString(r.shape())
                + "; the IR's add needs equal shapes (no broadcasting)");
      }
      addMulti(new Layer.Add(), List.of(l, r));
      return;
    }
    if (left instanceof Activation l && right instanceof Constant c) {
      fuseBias(l, c, current.getInput(1));
    } else if (left instanceof Constant c && right instanceof Activation r) {
      fuseBias(r, c, current.getInput(0));
    } else {
      throw fail("adds two constants; fold them before export");
    }
  }

  /** The Add of a constant: the bias of the conv or dense node that produced the activation. */
  private void fuseBias(Activation a, Constant c, String constName) {
    Node producer = nodes.get(a.node());
    Layer.Weighted weighted = producer == null ? null : producer.layer().asWeighted().orElse(null);
    if (weighted == null
        || weighted.bias() != null
        || readers.getOrDefault(a.tensor(), 0) != 1
        || c.tensor().size() != weighted.weights().outputs()) {
      throw fail(
          "the Add of the constant '"
              + constName
              + "' is supported only as the bias of the MatMul, Gemm or Conv just before it "
              + "(one value per output, no other reader)");
    }
    checkFinite(c.tensor(), constName);
    INDArray bias = c.tensor().toArray().reshape(weighted.weights().outputs());
    nodes.put(
        producer.name(), producer.withLayer(weighted.withParameters(weighted.weights(), bias)));
    define(new Activation(producer.name(), a.shape(), current.getOutput(0)));
  }

  private void batchNorm(OnnxAttributes at) {
    if (at.integer("training_mode", 0) != 0) {
      throw fail("training_mode = 1; export the model in eval mode");
    }
    for (int i = 1; i < current.getOutputCount(); i++) {
      requireUnread(current.getOutput(i), "running statistics output");
    }
    Activation x = activation(0);
    long channels = x.shape()[0];
    INDArray[] p = new INDArray[4];
    String[] names = {"scale", "B", "input_mean", "input_var"};
    for (int i = 0; i < 4; i++) {
      OnnxTensor t = weight(i + 1, names[i]);
      if (t.size() != channels) {
        throw fail(
            names[i] + " has " + t.size() + " values; the input has " + channels + " channels");
      }
      p[i] = t.toArray().reshape(channels);
    }
    float epsilon = at.real("epsilon", 1e-5f);
    add(new Layer.BatchNorm(p[0], p[1], p[2], p[3], epsilon), x);
  }

  private void pool(OnnxAttributes at, boolean average) {
    Activation x = activation(0);
    long[] k = at.integers("kernel_shape");
    if (k == null || k.length != 2 || k[0] != k[1]) {
      throw fail(
          "kernel_shape "
              + (k == null ? "is missing" : Arrays.toString(k) + " is not a square 2-D window")
              + "; the IR pools square windows");
    }
    checkNoDilation(at);
    String autoPad = at.string("auto_pad", "NOTSET");
    if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
      throw fail("auto_pad = " + autoPad + " is not supported; the IR's pooling has no padding");
    }
    int stride = squareStride(at);
    long[] pads = at.integers("pads");
    if (pads != null && Arrays.stream(pads).anyMatch(p -> p != 0)) {
      throw fail("pads " + Arrays.toString(pads) + ": the IR's pooling has no padding");
    }
    if (at.integer("ceil_mode", 0) != 0 && x.shape().length == 3) {
      for (int d = 1; d < 3; d++) {
        if ((x.shape()[d] - k[0]) % stride != 0) {
          throw fail(
              "ceil_mode = 1 gives a larger output than the IR's floor mode for input "
                  + Arrays.toString(x.shape()));
        }
      }
    }
    if (current.getOutputCount() > 1 && !current.getOutput(1).isEmpty()) {
      requireUnread(current.getOutput(1), "Indices output");
    }
    Layer layer =
        average ? new Layer.AvgPool2d((int) k[0], stride) : new Layer.MaxPool2d((int) k[0], stride);
    add(layer, x);
  }

  private void globalAveragePool() {
    Activation x = activation(0);
    long[] s = x.shape();
    if (s.length != 3 || s[1] != s[2]) {
      throw fail(
          "input "
              + Arrays.toString(s)
              + " is not square; the IR expresses global average pooling as a square avgpool2d");
    }
    add(new Layer.AvgPool2d((int) s[1], (int) s[1]), x);
  }

  private void flatten(OnnxAttributes at) {
    Activation x = activation(0);
    if (at.integer("axis", 1) != 1) {
      throw fail(
          "axis = "
              + at.integer("axis", 1)
              + "; only Flatten(axis=1), which keeps the batch dimension, is supported");
    }
    flattenTo(x);
  }

  private void flattenTo(Activation x) {
    if (x.shape().length == 1) {
      alias(x);
    } else {
      add(new Layer.Flatten(), x);
    }
  }

  private void reshape() {
    Activation x = activation(0);
    OnnxTensor target = constant(1, "shape");
    long[] t = target.asLongs();
    long features = 1;
    for (long d : x.shape()) {
      features *= d;
    }
    boolean batchOk =
        t.length == 2
            && (t[0] == OnnxTensor.BATCH
                || t[0] == 0
                || (t[0] == -1 && t[1] != -1)
                || (fixedBatch > 0 && t[0] == fixedBatch));
    if (!batchOk || !(t[1] == -1 || t[1] == features)) {
      throw fail(
          "reshapes per-image shape "
              + Arrays.toString(x.shape())
              + " to "
              + describeShape(t)
              + "; only a reshape to [batch, "
              + features
              + "] (a flatten) is supported");
    }
    flattenTo(x);
  }

  private void pad(OnnxAttributes at) {
    Activation x = activation(0);
    String mode = at.string("mode", "constant");
    long[] pads;
    if (at.has("pads")) {
      pads = at.integers("pads");
    } else {
      pads = constant(1, "pads").asLongs();
    }
    if (!mode.equals("constant") || Arrays.stream(pads).anyMatch(p -> p != 0)) {
      throw fail(
          "pads "
              + Arrays.toString(pads)
              + " (mode "
              + mode
              + "): only a Pad that adds nothing (all-zero pads, as PyTorch writes before "
              + "AveragePool) is supported");
    }
    alias(x);
  }

  private void shape() {
    Activation x = activation(0);
    long[] v = new long[x.shape().length + 1];
    v[0] = fixedBatch > 0 ? fixedBatch : OnnxTensor.BATCH;
    System.arraycopy(x.shape(), 0, v, 1, x.shape().length);
    define(new Constant(OnnxTensor.ofLongs(new long[] {v.length}, v)));
  }

  private void gather(OnnxAttributes at) {
    OnnxTensor data = constant(0, "data");
    OnnxTensor indices = constant(1, "indices");
    if (data.shape().length != 1 || at.integer("axis", 0) != 0) {
      throw fail("only Gather on a 1-D shape vector is supported");
    }
    long[] d = data.asLongs();
    long[] idx = indices.asLongs();
    long[] out = new long[idx.length];
    for (int i = 0; i < idx.length; i++) {
      long j = idx[i] < 0 ? idx[i] + d.length : idx[i];
      if (j < 0 || j >= d.length) {
        throw fail("index " + idx[i] + " is out of range for " + d.length + " values");
      }
      out[i] = d[(int) j];
    }
    define(new Constant(OnnxTensor.ofLongs(indices.shape(), out)));
  }

  private void unsqueeze(OnnxAttributes at) {
    OnnxTensor data = constant(0, "data");
    long[] axes = at.has("axes") ? at.integers("axes") : constant(1, "axes").asLongs();
    if (data.shape().length + axes.length > 1) {
      throw fail("only Unsqueeze of a scalar to a 1-element vector is supported");
    }
    define(new Constant(OnnxTensor.ofLongs(new long[] {1}, data.asLongs())));
  }

  private void concat(OnnxAttributes at) {
    List<Long> all = new ArrayList<>();
    for (int i = 0; i < current.getInputCount(); i++) {
      OnnxTensor t = constant(i, "input " + i);
      if (t.shape().length != 1) {
        throw fail("only Concat of 1-D shape vectors is supported");
      }
      for (long v : t.asLongs()) {
        all.add(v);
      }
    }
    long[] v = all.stream().mapToLong(Long::longValue).toArray();
    define(new Constant(OnnxTensor.ofLongs(new long[] {v.length}, v)));
  }

  // ---- helpers ----

  private void add(Layer layer, Activation in) {
    addMulti(layer, List.of(in));
  }

  private void addMulti(Layer layer, List<Activation> ins) {
    List<long[]> shapes = ins.stream().map(Activation::shape).toList();
    long[] out;
    try {
      out = LayerOps.outputShape(layer, shapes);
    } catch (IllegalArgumentException e) {
      throw fail(
          "does not fit its input "
              + shapes.stream().map(Arrays::toString).toList()
              + ": "
              + e.getMessage());
    }
    String name = irName();
    nodes.put(name, new Node(name, layer, ins.stream().map(Activation::node).toList()));
    define(new Activation(name, out, current.getOutput(0)));
  }

  /**
   * A unique IR node name from the ONNX node's name: '/' becomes '.', other unsafe characters '_'.
   */
  private String irName() {
    String base = current.getName().isEmpty() ? current.getOutput(0) : current.getName();
    base = base.replaceAll("^/+", "").replace('/', '.').replaceAll("[\\\\:\\s]", "_");
    if (base.isEmpty() || base.equals(Network.INPUT)) {
      base = current.getOpType().toLowerCase(java.util.Locale.ROOT);
    }
    String name = base;
    for (int i = 2; !usedNames.add(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  private void alias(Value v) {
    if (v instanceof Activation a) {
      define(new Activation(a.node(), a.shape(), a.tensor()));
    } else {
      define(v);
    }
  }

  private void define(Value v) {
    if (current.getOutputCount() < 1) {
      throw fail("has no output");
    }
    values.put(current.getOutput(0), v);
  }

  private Value value(int i) {
    if (i >= current.getInputCount() || current.getInput(i).isEmpty()) {
      throw fail("input " + i + " is missing");
    }
    String name = current.getInput(i);
    Value v = values.get(name);
    if (v == null) {
      throw fail(
          "reads tensor '"
              + name
              + "', which no earlier node or initializer defines; the file is incomplete or its "
              + "nodes are not in topological order");
    }
    return v;
  }

  private Activation activation(int i) {
    if (value(i) instanceof Activation a) {
      return a;
    }
    throw fail(
        "input '"
            + current.getInput(i)
            + "' is a constant; the importer supports this operator only on activations computed "
            + "from the image input");
  }

  private OnnxTensor constant(int i, String role) {
    if (value(i) instanceof Constant c) {
      return c.tensor();
    }
    throw fail(
        role
            + " '"
            + current.getInput(i)
            + "' is computed from the image input; the IR needs it to be a constant (a dynamic "
            + "shape the IR cannot fix)");
  }

  /** A constant read as a parameter: finite values required. */
  private OnnxTensor weight(int i, String role) {
    OnnxTensor t = constant(i, role);
    if (t.integral()) {
      throw fail(role + " '" + current.getInput(i) + "' holds integers, not real weights");
    }
    checkFinite(t, current.getInput(i));
    return t;
  }

  private void checkFinite(OnnxTensor t, String name) {
    int bad = t.firstNonFinite();
    if (bad >= 0) {
      throw fail(
          "weight '"
              + name
              + "' holds "
              + t.floats()[bad]
              + " at flat index "
              + bad
              + "; every weight must be finite (retrain or fix the model)");
    }
  }

  private void requireUnread(String tensor, String role) {
    if (readers.getOrDefault(tensor, 0) > 0) {
      throw fail("its " + role + " '" + tensor + "' is used; the IR cannot compute it");
    }
  }

  private void checkNoDilation(OnnxAttributes at) {
    long[] d = at.integers("dilations");
    if (d != null && Arrays.stream(d).anyMatch(v -> v != 1)) {
      throw fail("dilations " + Arrays.toString(d) + " are not supported; the IR has none");
    }
  }

  private int squareStride(OnnxAttributes at) {
    long[] s = at.integers("strides");
    if (s == null || s.length == 0) {
      return 1;
    }
    if (s.length != 2 || s[0] != s[1] || s[0] < 1) {
      throw fail(
          "strides "
              + Arrays.toString(s)
              + " are not supported; the IR uses one stride for height and width");
    }
    return (int) s[0];
  }

  private int symmetricPadding(long[] pads) {
    if (pads == null || pads.length == 0) {
      return 0;
    }
    if (pads.length != 4) {
      throw fail("pads " + Arrays.toString(pads) + " are not 2-D [top, left, bottom, right]");
    }
    if (pads[0] != pads[2] || pads[1] != pads[3]) {
      throw fail(
          "pads "
              + Arrays.toString(pads)
              + " [top, left, bottom, right] are asymmetric; the IR pads every side equally "
              + "(pad the input explicitly, or export with symmetric padding)");
    }
    if (pads[0] != pads[1]) {
      throw fail(
          "pads "
              + Arrays.toString(pads)
              + " differ between height and width; the IR pads every side equally");
    }
    return (int) pads[0];
  }

  private static String describeShape(long[] t) {
    List<String> parts = new ArrayList<>();
    for (long v : t) {
      parts.add(v == OnnxTensor.BATCH ? "batch" : Long.toString(v));
    }
    return "[" + String.join(", ", parts) + "]";
  }

  private OnnxTensor readTensor(Onnx.TensorProto t, String what) {
    try {
      return OnnxTensor.read(t, what);
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
  }

  private static Node recogniseBinary(Node node) {
    Layer.Weighted w = node.layer().asWeighted().orElse(null);
    if (w == null) {
      return node;
    }
    return switch (w.weights()) {
      case Weights.Binary b -> node;
      case Weights.FullPrecision fp ->
          BinaryWeights.recognise(fp.values().dup('c').data().asFloat(), fp.values().shape())
              .<Node>map(b -> node.withLayer(w.withParameters(b, w.bias())))
              .orElse(node);
    };
  }

  private OnnxImportException unsupported() {
    String op =
        current.getDomain().isEmpty()
            ? current.getOpType()
            : current.getDomain() + "." + current.getOpType();
    return new OnnxImportException(
        file
            + ": node '"
            + (current.getName().isEmpty() ? "(unnamed)" : current.getName())
            + "' has operator "
            + op
            + ", which the ONNX importer does not support; supported operators: "
            + String.join(", ", SUPPORTED)
            + ". Nothing was imported.");
  }

  private OnnxImportException fail(String message) {
    String where = current == null ? "" : " " + currentLabel + ":";
    return new OnnxImportException(file + ":" + where + " " + message + ". Nothing was imported.");
  }
}
