package org.bsnn.plugins.simulation.engine;

/**
 * A projection computed per sample from its source's packed spikes: the weighted op (conv or
 * dense), then the {@link Tail}. Implementations are immutable and thread-safe; all per-call state
 * lives in the caller's {@link Scratch}.
 */
abstract class SampleKernel {

  final Layout source;
  final Tail tail;

  SampleKernel(Layout source, Tail tail) {
    this.source = source;
    this.tail = tail;
  }

  /**
   * Writes the projection's current for one sample into {@code out} (C order, length {@code
   * tail.outSize()}), or adds it to {@code out} when {@code accumulate} (each value is computed
   * first, then added: {@code out + current}, as the reference adds a current to a potential).
   *
   * @param bits the source's spikes in {@link Layout} bit order
   * @param spikes how many bits are set
   */
  abstract void compute(long[] bits, int spikes, Scratch scratch, float[] out, boolean accumulate);

  /**
   * Binary synapses this projection evaluates per sample and timestep when computed densely (fan-in
   * times outputs, border taps included); 0 for full-precision kernels. The machine-limit estimate
   * of {@code bsnn bench snn-backends} divides the popcount rate by their sum.
   */
  long binarySynapses() {
    return 0;
  }

  /** A short description for logs: kernel and shape. */
  abstract String describe();

  /** Writes or adds {@code value} at {@code out[i]}. */
  static void put(float[] out, int i, float value, boolean accumulate) {
    if (accumulate) {
      out[i] += value;
    } else {
      out[i] = value;
    }
  }
}
