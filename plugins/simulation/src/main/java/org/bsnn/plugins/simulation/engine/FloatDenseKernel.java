package org.bsnn.plugins.simulation.engine;

/**
 * Event-driven dense layer with real weights: the weight column of every input that spiked is added
 * into float accumulators (in the order of the spikes, from 0), then the bias. Binary weights are
 * scattered as their signs and the sum multiplied by alpha afterwards, as the reference does.
 */
final class FloatDenseKernel extends SampleKernel {

  private final int outFeatures;
  private final float[][] rows; // [input spike id][O]
  private final float[] scale;
  private final float[] bias;

  /**
   * @param weights real weights (or binary signs), C-order [O, F], F in the source's C order
   *     (flattened CHW)
   * @param scale per-output factor applied to the sum before the bias (binary alpha), or null
   */
  FloatDenseKernel(
      Layout source, float[] weights, int outFeatures, float[] scale, float[] bias, Tail tail) {
    super(source, tail);
    this.outFeatures = outFeatures;
    this.scale = scale;
    this.bias = bias;
    int f = source.neurons;
    rows = new float[f][outFeatures];
    for (int chw = 0; chw < f; chw++) {
      float[] row = rows[source.spikeId(chw)];
      for (int oc = 0; oc < outFeatures; oc++) {
        row[oc] = weights[oc * f + chw];
      }
    }
  }

  @Override
  void compute(long[] bits, int spikes, Scratch scratch, float[] out, boolean accumulate) {
    int o = outFeatures;
    float[] acc = scratch.zeroFloatRows(1, o)[0];
    int[] idx = scratch.indices(Math.max(spikes, 1));
    int n = source.spikeIndices(bits, idx);
    for (int s = 0; s < n; s++) {
      Loops.add(acc, rows[idx[s]], o);
    }
    for (int j = 0; j < o; j++) {
      float v = scale == null ? acc[j] : acc[j] * scale[j];
      put(out, j, bias == null ? v : v + bias[j], accumulate);
    }
  }

  @Override
  String describe() {
    return "event-driven dense " + source.neurons + "->" + outFeatures;
  }
}
