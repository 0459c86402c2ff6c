package org.bsnn.api.snn;

/**
 * A {@link StepKernel} of a {@link SpikingNetwork}: after each step it reports the spikes of every
 * node and the output layer's state, which {@link TraceRecorder} turns into the trace.
 */
public interface SpikingKernel extends StepKernel {

  /**
   * Spikes node {@code node} (index in {@link SpikingNetwork#nodes()}) emitted in the last step,
   * summed over the live samples; 0 for a node that does not spike or was not computed.
   */
  long spikes(int node);

  /** Whether the output node has been computed at least once (pipelined: not before its depth). */
  boolean outputReady();

  /**
   * The output node's state of the given samples, row after row.
   *
   * @param samples batch-local indices of live samples, ascending
   * @param potential receives the accumulated potential, {@code samples.length x classes}
   * @param counts receives the output spikes so far (spike-count readout), or null when not wanted
   */
  void output(int[] samples, float[] potential, float[] counts);
}
