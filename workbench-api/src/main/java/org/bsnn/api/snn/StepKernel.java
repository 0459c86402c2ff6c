package org.bsnn.api.snn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The membrane state of one batch of samples, advanced one timestep at a time by {@link
 * SimulationLoop}: all a backend implements. How a step is computed (ND4J on the whole batch,
 * per-sample kernels in chunks on worker threads, ...) is the kernel's own business; the loop only
 * says which samples are still live.
 */
public interface StepKernel extends AutoCloseable {

  /**
   * Batch-local indices of the samples whose state the kernel keeps, ascending: the rows of the
   * input it wants from {@link #step}. All samples at the start; a kernel that drops stopped
   * samples ({@link #retain}) returns fewer.
   */
  int[] rows();

  /**
   * Advances the live samples by one timestep.
   *
   * @param t the 1-based timestep
   * @param drawn this timestep's input for the samples of {@link #rows()}, in that order; null when
   *     the input is the constant one given at the start (direct encoding). Not to be closed or
   *     kept.
   * @param live batch-local indices of the samples still running, ascending (a subset of {@link
   *     #rows()})
   */
  void step(int t, INDArray drawn, int[] live);

  /**
   * Samples outside {@code live} (ascending) stopped: the kernel may drop their state or just stop
   * computing them.
   */
  void retain(int[] live);

  /** Frees the batch's state. */
  @Override
  void close();

  /**
   * Starts kernels, one per batch.
   *
   * @param <K> the kernel type
   */
  @FunctionalInterface
  interface Factory<K extends StepKernel> extends AutoCloseable {
    /**
     * A kernel for a new batch, state zero.
     *
     * @param samples the batch size
     * @param constant the batch's input when it is the same every timestep (direct encoding, shape
     *     {@code [samples, c, h, w]}; not to be closed), else null
     */
    K start(int samples, INDArray constant);

    /** Releases what the factory shares between batches (threads); by default nothing. */
    @Override
    default void close() {}
  }
}
