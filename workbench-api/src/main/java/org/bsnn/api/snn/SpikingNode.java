package org.bsnn.api.snn;

import java.util.List;

/**
 * A population of neurons whose input current is the sum of its projections.
 *
 * @param name unique name, usually that of the ANN's ReLU (or output) node it replaces
 * @param inputs synaptic paths summed into the input current (several for residual additions)
 * @param neuron the neuron model (integrate-and-fire, or integrator for the output)
 */
public record SpikingNode(String name, List<Projection> inputs, Neuron neuron) {
  /** Copies the list and checks there is at least one input. */
  public SpikingNode {
    inputs = List.copyOf(inputs);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("spiking node '" + name + "' has no inputs");
    }
  }

  /** Whether this node emits spikes (integrate-and-fire) rather than only integrating. */
  public boolean spiking() {
    return neuron instanceof Neuron.IntegrateAndFire;
  }
}
