package org.bsnn.plugins.interop;

import java.util.Optional;
import org.bsnn.api.network.Weights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Recognises binary weights in imported real ones: a layer whose weights for each output are
 * exactly {@code +alpha} or {@code -alpha} (one {@code alpha > 0} per output, compared bit for bit,
 * as an XNOR-style export writes them) becomes {@link Weights.Binary}, so the bit-packed backends
 * run it. Any other layer stays full precision.
 */
final class BinaryWeights {

  private BinaryWeights() {}

  /**
   * The binary form of {@code values} ({@code [out, ...]}), or empty when some output's weights are
   * not all ±alpha, when an output has a single weight (nothing tells it from a real weight), or
   * when alpha would be 0.
   */
  static Optional<Weights.Binary> recognise(float[] values, long[] shape) {
    int outputs = (int) shape[0];
    int perOutput = values.length / outputs;
    if (perOutput < 2) {
      return Optional.empty();
    }
    float[] signs = new float[values.length];
    float[] alpha = new float[outputs];
    for (int o = 0; o < outputs; o++) {
      float a = Math.abs(values[o * perOutput]);
      if (!(a > 0) || !Float.isFinite(a)) {
        return Optional.empty();
      }
      for (int i = o * perOutput; i < (o + 1) * perOutput; i++) {
        if (Math.abs(values[i]) != a) {
          return Optional.empty();
        }
        signs[i] = values[i] > 0 ? 1f : -1f;
      }
      alpha[o] = a;
    }
    INDArray s = Nd4j.create(signs, shape, DataType.FLOAT);
    INDArray al = Nd4j.create(alpha, new long[] {outputs}, DataType.FLOAT);
    return Optional.of(new Weights.Binary(s, al));
  }
}
