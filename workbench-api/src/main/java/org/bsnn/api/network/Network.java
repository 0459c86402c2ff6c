package org.bsnn.api.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A framework-neutral network: a DAG of {@link Node}s in topological order, reading a single image
 * input of shape [channels, height, width] and producing class scores at {@link #output()}.
 *
 * @param name a label for logs and files
 * @param inputShape per-image shape [channels, height, width]
 * @param nodes in topological order: every input of a node is {@value #INPUT} or an earlier node
 * @param output the node whose output is the class scores, shape [n, classes]
 */
public record Network(String name, long[] inputShape, List<Node> nodes, String output) {

  /** The reserved name of the network input. */
  public static final String INPUT = "input";

  /** Validates the DAG: unique names, inputs defined before use, output present. */
  public Network {
    Objects.requireNonNull(name, "name");
    nodes = List.copyOf(nodes);
    inputShape = inputShape.clone();
    if (inputShape.length != 3) {
      throw new IllegalArgumentException("inputShape must be [channels,height,width]");
    }
    Set<String> defined = new HashSet<>();
    defined.add(INPUT);
    for (Node node : nodes) {
      for (String in : node.inputs()) {
        if (!defined.contains(in)) {
          throw new IllegalArgumentException(
              "node '" + node.name() + "' reads '" + in + "', which is not defined before it");
        }
      }
      if (!defined.add(node.name())) {
        throw new IllegalArgumentException("duplicate node name '" + node.name() + "'");
      }
    }
    if (!defined.contains(output) || INPUT.equals(output)) {
      throw new IllegalArgumentException("output '" + output + "' is not a node of the network");
    }
  }

  /** The node called {@code name}. */
  public Node node(String name) {
    return nodes.stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no node '" + name + "' in network " + this.name));
  }

  /** Nodes by name, in topological order. */
  public Map<String, Node> byName() {
    Map<String, Node> map = new LinkedHashMap<>();
    nodes.forEach(n -> map.put(n.name(), n));
    return map;
  }

  /** The nodes that read the output of {@code name}. */
  public List<Node> consumers(String name) {
    return nodes.stream().filter(n -> n.inputs().contains(name)).toList();
  }

  /** Nodes with weights (conv and dense), in topological order. */
  public List<Node> weightedNodes() {
    return nodes.stream().filter(n -> n.layer().hasWeights()).toList();
  }

  /** A copy with every node passed through {@code rewrite} (names and wiring must stay valid). */
  public Network mapNodes(UnaryOperator<Node> rewrite) {
    List<Node> out = new ArrayList<>(nodes.size());
    nodes.forEach(n -> out.add(rewrite.apply(n)));
    return new Network(name, inputShape, out, output);
  }

  @Override
  public long[] inputShape() {
    return inputShape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Network n
        && name.equals(n.name)
        && java.util.Arrays.equals(inputShape, n.inputShape)
        && nodes.equals(n.nodes)
        && output.equals(n.output);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, java.util.Arrays.hashCode(inputShape), nodes, output);
  }

  @Override
  public String toString() {
    return "Network[" + name + ", " + nodes.size() + " nodes, output=" + output + "]";
  }
}
