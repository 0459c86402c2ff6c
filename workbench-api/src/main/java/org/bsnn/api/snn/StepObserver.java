package org.bsnn.api.snn;

import org.bsnn.api.data.Batch;

/**
 * What {@link SimulationLoop} reports to after every timestep: the simulator's trace recorder, or a
 * calibration statistic.
 *
 * @param <K> the kernel type it reads
 */
public interface StepObserver<K extends StepKernel> {

  /** A batch starts; {@code first} is the index in the split of its first sample. */
  void beginBatch(Batch batch, int first);

  /**
   * After timestep {@code t} of the live samples.
   *
   * @return the samples still live afterwards (ascending, a subset of {@code live}); {@code live}
   *     itself when none stopped
   */
  int[] afterStep(int t, K kernel, int[] live);

  /** Timestep {@code t} was skipped because every sample of the batch had stopped. */
  default void idle(int t) {}

  /** The batch ended with {@code live} still running. */
  default void endBatch(int[] live) {}
}
