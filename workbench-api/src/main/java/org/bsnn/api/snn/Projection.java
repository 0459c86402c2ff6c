package org.bsnn.api.snn;

import java.util.List;
import java.util.Objects;
import org.bsnn.api.network.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A synaptic path into a spiking node: the source's spikes (or the encoded input) pass through a
 * chain of IR operations and become input current. A conv followed by average pooling before the
 * ReLU is one projection feeding one spiking layer.
 *
 * <p>The ops are linear or affine (conv, dense, average pooling, flatten, and batch norm or
 * dropout, which simulators may apply as they are), applied to every timestep's spikes, except that
 * a {@link Layer.MaxPool2d} may stand <b>first</b>: it is then the spiking max-pooling gate of
 * {@link SpikingDynamics.MaxPoolGate} (per window, the spikes of the neuron with the highest
 * accumulated count pass), which keeps state across timesteps. ReLU and add are not allowed inside
 * a projection: a ReLU is a spiking node, and an addition is a node with several projections.
 *
 * @param source a spiking node's name or {@link SpikingNetwork#INPUT}
 * @param ops operations applied in order; weights already carry threshold scaling
 * @param scale a factor the projection's output current is multiplied by, or {@code null} for none:
 *     shape [1], or per channel [channels, 1, 1] for an image output, or [features] for a flat one
 *     (aligned to the output without the batch dimension). Converters use it where the path has no
 *     weights to carry the threshold scaling, e.g. an identity shortcut {@code λ_source /
 *     λ_target}. Finite and positive.
 */
public record Projection(String source, List<Layer> ops, INDArray scale) {

  /** Copies the list and validates the op order and the scale. */
  public Projection {
    Objects.requireNonNull(source, "source");
    ops = List.copyOf(ops);
    for (int i = 0; i < ops.size(); i++) {
      Layer op = ops.get(i);
      switch (op) {
        case Layer.MaxPool2d pool -> {
          if (i > 0) {
            throw new IllegalArgumentException(
                "projection from '"
                    + source
                    + "': maxpool2d must be its first op (the spiking max gate acts on the"
                    + " source's spikes), found at position "
                    + (i + 1)
                    + " of "
                    + types(ops));
          }
        }
        case Layer.Relu relu -> throw notInProjection(source, op, ops);
        case Layer.Qcfs qcfs -> throw notInProjection(source, op, ops);
        case Layer.Add add -> throw notInProjection(source, op, ops);
        case Layer.Sign sign ->
            throw new IllegalArgumentException(
                "projection from '"
                    + source
                    + "': sign cannot be part of a projection "
                    + types(ops)
                    + "; binary activations have no spiking equivalent");
        // linear or affine: applied to every timestep's spikes
        case Layer.Conv2d conv -> {}
        case Layer.Dense dense -> {}
        case Layer.AvgPool2d avg -> {}
        case Layer.BatchNorm norm -> {}
        case Layer.Dropout dropout -> {}
        case Layer.Flatten flatten -> {}
      }
    }
    if (scale != null) {
      double min = scale.minNumber().doubleValue();
      double max = scale.maxNumber().doubleValue();
      if (!(min > 0) || !Double.isFinite(max)) {
        throw new IllegalArgumentException(
            "projection from '"
                + source
                + "': scale must be finite and positive; got min "
                + min
                + ", max "
                + max);
      }
    }
  }

  /** A projection without an extra scale factor. */
  public Projection(String source, List<Layer> ops) {
    this(source, ops, null);
  }

  /** Whether the projection starts with the spiking max-pooling gate. */
  public boolean gated() {
    return !ops.isEmpty() && ops.get(0).isSpikingGate();
  }

  private static IllegalArgumentException notInProjection(
      String source, Layer op, List<Layer> ops) {
    return new IllegalArgumentException(
        "projection from '"
            + source
            + "': "
            + op.type()
            + " cannot be part of a projection "
            + types(ops)
            + "; a ReLU is a spiking node and an addition a node with several projections");
  }

  private static List<String> types(List<Layer> ops) {
    return ops.stream().map(Layer::type).toList();
  }
}
