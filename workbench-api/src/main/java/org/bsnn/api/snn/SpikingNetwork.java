package org.bsnn.api.snn;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A converted network: spiking nodes in topological order, the last being the output: an integrator
 * read by its potential, or integrate-and-fire neurons read by their spike counts.
 *
 * @param name a label for logs
 * @param inputShape per-image shape [channels, height, width]
 * @param nodes in topological order; projections read {@link #INPUT} or earlier nodes
 * @param encoding how images enter the network
 * @param propagation whether spikes cross one layer or all layers per timestep
 * @param readout how the prediction is read from the output node
 * @param notes what the converter and design-time optimizers did, for provenance (stable order)
 */
public record SpikingNetwork(
    String name,
    long[] inputShape,
    List<SpikingNode> nodes,
    Encoding encoding,
    Propagation propagation,
    Readout readout,
    Map<String, Object> notes) {

  /** The reserved name of the encoded input. */
  public static final String INPUT = "input";

  /** Validates wiring: unique names, sources defined earlier, a non-empty network. */
  public SpikingNetwork {
    Objects.requireNonNull(encoding);
    Objects.requireNonNull(propagation);
    Objects.requireNonNull(readout);
    inputShape = inputShape.clone();
    nodes = List.copyOf(nodes);
    notes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(notes));
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a spiking network needs at least one node");
    }
    Set<String> defined = new HashSet<>();
    defined.add(INPUT);
    for (SpikingNode node : nodes) {
      for (Projection p : node.inputs()) {
        if (!defined.contains(p.source())) {
          throw new IllegalArgumentException(
              "spiking node '"
                  + node.name()
                  + "' reads '"
                  + p.source()
                  + "', not defined before it");
        }
      }
      if (!defined.add(node.name())) {
        throw new IllegalArgumentException("duplicate spiking node '" + node.name() + "'");
      }
    }
    if (readout == Readout.SPIKE_COUNT && !nodes.get(nodes.size() - 1).spiking()) {
      throw new IllegalArgumentException(
          "readout spike_count needs a spiking output node, but '"
              + nodes.get(nodes.size() - 1).name()
              + "' only integrates");
    }
  }

  /** The output node (the last one). */
  public SpikingNode output() {
    return nodes.get(nodes.size() - 1);
  }

  /** Number of nodes that emit spikes. */
  public long spikingLayerCount() {
    return nodes.stream().filter(SpikingNode::spiking).count();
  }

  /** A copy with other nodes (design-time optimizers) and an extra note. */
  public SpikingNetwork withNodes(List<SpikingNode> replacement, String noteKey, Object noteValue) {
    Map<String, Object> n = new java.util.TreeMap<>(notes);
    n.put(noteKey, noteValue);
    return new SpikingNetwork(name, inputShape, replacement, encoding, propagation, readout, n);
  }

  /** A copy with another propagation mode. */
  public SpikingNetwork withPropagation(Propagation mode) {
    return new SpikingNetwork(name, inputShape, nodes, encoding, mode, readout, notes);
  }

  @Override
  public long[] inputShape() {
    return inputShape.clone();
  }
}
