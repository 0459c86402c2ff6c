package org.bsnn.api.snn;

import java.util.List;
import org.bsnn.api.network.Layer;

/**
 * A synaptic path into a spiking node: the source's spikes (or the encoded input) pass through a
 * chain of linear IR operations (conv, dense, average pooling, flatten) and become input current.
 * A conv followed by average pooling before the ReLU is one projection feeding one spiking layer.
 *
 * @param source a spiking node's name or {@link SpikingNetwork#INPUT}
 * @param ops linear operations applied in order; weights already carry threshold scaling
 */
public record Projection(String source, List<Layer> ops) {
  /** Copies the list. */
  public Projection {
    ops = List.copyOf(ops);
  }
}
