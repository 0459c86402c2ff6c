package org.bsnn.plugins.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.SpikingDynamics;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A converted {@link SpikingNetwork} as a NIR graph. Each spiking node becomes an {@code IF} node
 * ({@code r = 1}, {@code v_threshold}, {@code v_reset = 0}) or, for the potential-read output, an
 * {@code I} node ({@code r = 1}); each projection becomes a chain of NIR nodes from its source
 * ({@code Conv2d}, {@code Affine} or {@code Linear}, {@code AvgPool2d}, {@code Flatten}, and a
 * {@code Scale} for the projection's scale) ending in an edge into the node, so residual additions
 * are several edges into one node. What NIR cannot say (reset by subtraction, the {@code >=} firing
 * rule, pipelined propagation, the readout, the encoding, non-zero initial potentials) goes into
 * the graph's metadata ({@link NirMetadata}), which the importer reads back.
 */
final class NirExporter {

  private NirExporter() {}

  /**
   * The graph of {@code net}.
   *
   * @throws UserFacingException naming the node and projection when NIR cannot express them
   *     faithfully (spiking max-pooling gates, batch norm left inside a projection)
   */
  static NirGraph export(SpikingNetwork net) {
    Map<String, long[]> shapes;
    try {
      shapes = SpikingDynamics.shapes(net);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("cannot export: " + e.getMessage(), e);
    }
    Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
    List<NirGraph.Edge> edges = new ArrayList<>();
    nodes.put(SpikingNetwork.INPUT, new NirGraph.Node("Input", Map.of("shape", net.inputShape())));
    java.util.Set<String> reserved = new java.util.HashSet<>();
    net.nodes().forEach(n -> reserved.add(n.name()));
    Map<String, long[]> scaleShapes = new LinkedHashMap<>();
    Map<String, long[]> known = new LinkedHashMap<>();
    known.put(SpikingNetwork.INPUT, net.inputShape());
    for (SpikingNode node : net.nodes()) {
      checkName(net, node.name());
      for (int j = 0; j < node.inputs().size(); j++) {
        Projection p = node.inputs().get(j);
        String previous = p.source();
        long[] shape = known.get(p.source());
        for (int k = 0; k < p.ops().size(); k++) {
          Layer op = p.ops().get(k);
          NirGraph.Node mapped = opNode(net, node, p, op, shape);
          long[] out = LayerOps.outputShape(op, List.of(shape));
          if (mapped != null) {
            String name =
                unique(nodes, reserved, node.name() + ".in" + j + "." + k + "." + op.type());
            nodes.put(name, mapped);
            edges.add(new NirGraph.Edge(previous, name));
            previous = name;
          }
          shape = out;
        }
        if (p.scale() != null) {
          String name = unique(nodes, reserved, node.name() + ".in" + j + ".scale");
          nodes.put(
              name,
              new NirGraph.Node("Scale", Map.of("scale", NirArrays.broadcast(p.scale(), shape))));
          scaleShapes.put(name, p.scale().shape());
          edges.add(new NirGraph.Edge(previous, name));
          previous = name;
        }
        edges.add(new NirGraph.Edge(previous, node.name()));
      }
      long[] shape = shapes.get(node.name());
      known.put(node.name(), shape);
      nodes.put(node.name(), neuronNode(node, shape));
    }
    SpikingNode last = net.output();
    String outputName = unique(nodes, reserved, "output");
    nodes.put(outputName, new NirGraph.Node("Output", Map.of("shape", shapes.get(last.name()))));
    edges.add(new NirGraph.Edge(last.name(), outputName));
    return new NirGraph(NirGraph.VERSION, nodes, edges, NirMetadata.of(net, scaleShapes, shapes));
  }

  private static NirGraph.Node neuronNode(SpikingNode node, long[] shape) {
    return switch (node.neuron()) {
      case Neuron.IntegrateAndFire f -> {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("r", NirArrays.filled(shape, 1f));
        fields.put("v_threshold", NirArrays.broadcast(f.threshold(), shape));
        fields.put("v_reset", NirArrays.filled(shape, 0f));
        yield new NirGraph.Node("IF", fields);
      }
      case Neuron.Integrator i -> new NirGraph.Node("I", Map.of("r", NirArrays.filled(shape, 1f)));
    };
  }

  /** The NIR node of one op, or {@code null} for an op that is the identity at inference. */
  private static NirGraph.Node opNode(
      SpikingNetwork net, SpikingNode node, Projection p, Layer op, long[] in) {
    Map<String, Object> f = new LinkedHashMap<>();
    return switch (op) {
      case Layer.Conv2d conv -> {
        INDArray w = conv.weights().dense();
        f.put("input_shape", new long[] {in[1], in[2]});
        f.put("weight", NirArrays.nested(w));
        f.put("stride", new long[] {conv.stride(), conv.stride()});
        f.put("padding", new long[] {conv.padding(), conv.padding()});
        f.put("dilation", new long[] {1, 1});
        f.put("groups", 1L);
        f.put(
            "bias",
            conv.bias() != null
                ? NirArrays.nested(conv.bias().reshape(conv.outChannels()))
                : NirArrays.filled(new long[] {conv.outChannels()}, 0f));
        w.close();
        yield new NirGraph.Node("Conv2d", f);
      }
      case Layer.Dense dense -> {
        INDArray w = dense.weights().dense();
        f.put("weight", NirArrays.nested(w));
        w.close();
        if (dense.bias() == null) {
          yield new NirGraph.Node("Linear", f);
        }
        f.put("bias", NirArrays.nested(dense.bias().reshape(dense.outFeatures())));
        yield new NirGraph.Node("Affine", f);
      }
      case Layer.AvgPool2d pool -> {
        f.put("kernel_size", new long[] {pool.kernel(), pool.kernel()});
        f.put("stride", new long[] {pool.stride(), pool.stride()});
        f.put("padding", new long[] {0, 0});
        yield new NirGraph.Node("AvgPool2d", f);
      }
      case Layer.Flatten flatten -> {
        // NIR's shapes leave out the batch: flattening all of [c, h, w] is start_dim 0
        f.put("start_dim", 0L);
        f.put("end_dim", -1L);
        f.put("input_type", in.clone());
        yield new NirGraph.Node("Flatten", f);
      }
      case Layer.Dropout dropout -> null;
      case Layer.MaxPool2d pool ->
          throw refuse(
              net,
              node,
              p,
              op,
              "the spiking max-pooling gate (it passes the spikes of the neuron with the highest"
                  + " count so far, which keeps state across timesteps) has no NIR node; convert"
                  + " a network with average pooling (e.g. vgg-small with maxPooling: false)");
      case Layer.BatchNorm bn ->
          throw refuse(
              net,
              node,
              p,
              op,
              "NIR has no batch-norm node; fold it into the preceding conv or dense layer"
                  + " before converting");
      case Layer.Relu r -> throw new IllegalStateException("relu inside a projection");
      case Layer.Qcfs q -> throw new IllegalStateException("qcfs inside a projection");
      case Layer.Add a -> throw new IllegalStateException("add inside a projection");
      case Layer.Sign s -> throw new IllegalStateException("sign inside a projection");
    };
  }

  private static UserFacingException refuse(
      SpikingNetwork net, SpikingNode node, Projection p, Layer op, String why) {
    return new UserFacingException(
        "cannot export '"
            + net.name()
            + "' to NIR: node '"
            + node.name()
            + "', projection from '"
            + p.source()
            + "' holds a "
            + op.type()
            + " ("
            + p.ops().stream().map(Layer::type).toList()
            + "): "
            + why
            + "; nothing was written");
  }

  private static void checkName(SpikingNetwork net, String name) {
    if (name.isEmpty() || name.contains("/") || name.equals(".")) {
      throw new UserFacingException(
          "cannot export '"
              + net.name()
              + "' to NIR: node name '"
              + name
              + "' cannot be an HDF5 group name (empty, '.', or contains '/'); nothing was written");
    }
  }

  private static String unique(
      Map<String, NirGraph.Node> taken, java.util.Set<String> reserved, String name) {
    String candidate = name;
    for (int i = 2; taken.containsKey(candidate) || reserved.contains(candidate); i++) {
      candidate = name + "_" + i;
    }
    return candidate;
  }
}
