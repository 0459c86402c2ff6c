package org.bsnn.plugins.hardware;

import java.util.Arrays;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Weights;

/**
 * The geometry of one conv or dense operation, from which every hardware model counts.
 *
 * @param name the ANN node name, or the spiking node the projection feeds
 * @param binary whether its weights are {@link Weights.Binary}
 * @param fanIn weights per output neuron: {@code inC·k²} (conv) or {@code in} (dense); the crossbar
 *     rows one output needs
 * @param outputs output channels (conv) or features (dense); the crossbar columns
 * @param positions output positions per image: {@code outH·outW} (conv) or 1 (dense)
 * @param inputNeurons input values per image: {@code inC·H·W} or {@code in}
 * @param connections weights that join a real input neuron to an output neuron, counted per output
 *     position: {@code outC·inC·Σrows·Σcols} (conv, see {@link FanOut}; taps on padding excluded)
 *     or {@code out·in} (dense)
 * @param spatialConnections {@code Σrows·Σcols} (conv) or 1 (dense): (input position, output
 *     position) pairs that are connected
 * @param inputPositions {@code H·W} (conv) or 1 (dense)
 */
public record WeightedLayer(
    String name,
    boolean binary,
    long fanIn,
    long outputs,
    long positions,
    long inputNeurons,
    long connections,
    long spatialConnections,
    long inputPositions) {

  /**
   * ANN multiply-accumulates per image: {@code outputs·positions·fanIn}, i.e. {@code
   * outC·outH·outW·inC·k²} for conv (taps on padding included, as operation counters such as
   * PyTorch's profilers do) and {@code out·in} for dense.
   */
  public long macs() {
    return outputs * positions * fanIn;
  }

  /**
   * Synaptic operations one input spike triggers, averaged uniformly over input neurons: {@code
   * connections / inputNeurons}. Exact for dense layers and for convolutions where every input
   * position has the same fan-out; at borders (padding, strides that skip inputs) the fan-out of a
   * position differs and this is the mean, exact only when spikes are spread uniformly over
   * positions (the trace has totals per layer, not per position).
   */
  public double meanFanOut() {
    return (double) connections / inputNeurons;
  }

  /** Output positions one input spike reaches, averaged uniformly over input positions. */
  public double meanSpatialFanOut() {
    return (double) spatialConnections / inputPositions;
  }

  /**
   * The geometry of a conv or dense op.
   *
   * @param name label for rows
   * @param op a {@link Layer.Conv2d} or {@link Layer.Dense}
   * @param inShape per-image input shape of the op
   * @throws IllegalArgumentException for another layer type or a shape that does not fit
   */
  public static WeightedLayer of(String name, Layer op, long[] inShape) {
    long[] out = LayerOps.outputShape(op, java.util.List.of(inShape));
    Layer.Weighted weighted =
        op.asWeighted()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        op.type()
                            + " has no weights (input shape "
                            + Arrays.toString(inShape)
                            + ")"));
    return switch (weighted) {
      case Layer.Conv2d conv -> {
        long inC = conv.inChannels();
        long k2 = (long) conv.kernel() * conv.kernel();
        long rows =
            FanOut.axisTotal(inShape[1], conv.kernel(), conv.stride(), conv.padding(), out[1]);
        long cols =
            FanOut.axisTotal(inShape[2], conv.kernel(), conv.stride(), conv.padding(), out[2]);
        yield new WeightedLayer(
            name,
            conv.weights().isBinary(),
            inC * k2,
            conv.outChannels(),
            out[1] * out[2],
            inC * inShape[1] * inShape[2],
            conv.outChannels() * inC * rows * cols,
            rows * cols,
            inShape[1] * inShape[2]);
      }
      case Layer.Dense dense ->
          new WeightedLayer(
              name,
              dense.weights().isBinary(),
              dense.inFeatures(),
              dense.outFeatures(),
              1,
              dense.inFeatures(),
              dense.outFeatures() * dense.inFeatures(),
              1,
              1);
    };
  }
}
