package org.bsnn.api.network;

import java.util.List;
import java.util.Objects;

/**
 * A named node of the network DAG.
 *
 * @param name unique within the network; {@value Network#INPUT} is reserved for the input
 * @param layer the operation
 * @param inputs names of the nodes (or {@value Network#INPUT}) whose outputs feed this node
 */
public record Node(String name, Layer layer, List<String> inputs) {

  /** Validates the name and input count. */
  public Node {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(layer, "layer");
    inputs = List.copyOf(inputs);
    if (name.isBlank() || name.equals(Network.INPUT)) {
      throw new IllegalArgumentException("invalid node name '" + name + "'");
    }
    boolean add = layer.combinesInputs();
    if (add ? inputs.size() < 2 : inputs.size() != 1) {
      throw new IllegalArgumentException(
          "node '"
              + name
              + "' ("
              + layer.type()
              + ") has "
              + inputs.size()
              + " inputs; "
              + (add ? "add needs at least 2" : "it needs exactly 1"));
    }
  }

  /** Convenience for single-input nodes. */
  public static Node of(String name, Layer layer, String input) {
    return new Node(name, layer, List.of(input));
  }

  /** The same node with another layer (e.g. binarized weights). */
  public Node withLayer(Layer replacement) {
    return new Node(name, replacement, inputs);
  }
}
