package org.bsnn.api.snn;

import java.util.Arrays;
import java.util.Iterator;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.run.Progress;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The one clock-driven loop of every simulation backend and of spike-based calibration: batches
 * over a range of samples, encodes the input of every timestep ({@link InputEncoder}), has a {@link
 * StepKernel} advance the live samples one timestep, and reports each step to a {@link
 * StepObserver}, which may stop samples. A backend supplies only the kernel; the trace, readout and
 * run-time optimizers live in {@link TraceRecorder}, the entry points for simulators in {@link
 * SpikingSimulation}.
 *
 * <p>Per timestep the loop does no work besides the kernel's and the observer's: one input draw
 * (Poisson only) and two calls. Samples that stopped are not drawn for once the kernel dropped
 * them, and a batch whose samples all stopped costs nothing more.
 */
public final class SimulationLoop {

  private final int timesteps;
  private final int batchSize;

  /**
   * A loop of the given length.
   *
   * @param timesteps T, at least 1
   * @param batchSize samples per kernel, at least 1
   */
  public SimulationLoop(int timesteps, int batchSize) {
    if (timesteps < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "timesteps and batchSize must be >= 1, got " + timesteps + " and " + batchSize);
    }
    this.timesteps = timesteps;
    this.batchSize = batchSize;
  }

  /** The number of timesteps T. */
  public int timesteps() {
    return timesteps;
  }

  /**
   * Runs samples {@code [from, to)} of {@code data}, batch after batch, all timesteps each.
   *
   * @param encoder the input encoding; its Poisson streams follow the samples' indices in the split
   * @param kernels starts a kernel per batch (not closed here)
   * @param observer sees every step; may stop samples
   * @param progress advanced by the batch size per timestep
   */
  public <K extends StepKernel> void run(
      DataSplit data,
      int from,
      int to,
      InputEncoder encoder,
      StepKernel.Factory<? extends K> kernels,
      StepObserver<? super K> observer,
      Progress progress) {
    if (from < 0 || to > data.size() || from > to) {
      throw new IllegalArgumentException(
          "sample range ["
              + from
              + ", "
              + to
              + ") is not within the split's "
              + data.size()
              + " samples");
    }
    Iterator<Batch> batches = data.head(to).batches(batchSize);
    int start = 0;
    while (batches.hasNext() && start < to) {
      try (Batch whole = batches.next()) {
        int end = start + whole.size();
        if (end > from) {
          int skip = Math.max(0, from - start);
          if (skip == 0) {
            runBatch(whole, start, encoder, kernels, observer, progress);
          } else {
            try (Batch part = rowsFrom(whole, skip)) {
              runBatch(part, start + skip, encoder, kernels, observer, progress);
            }
          }
        }
        start = end;
      }
    }
  }

  private <K extends StepKernel> void runBatch(
      Batch batch,
      int first,
      InputEncoder encoder,
      StepKernel.Factory<? extends K> kernels,
      StepObserver<? super K> observer,
      Progress progress) {
    int n = batch.size();
    observer.beginBatch(batch, first);
    InputEncoder.BatchInput input = encoder.begin(batch, first);
    int[] live = new int[n];
    Arrays.setAll(live, i -> i);
    try (K kernel = kernels.start(n, input.constant())) {
      for (int t = 1; t <= timesteps; t++) {
        if (live.length == 0) {
          observer.idle(t); // every sample stopped: nothing left to compute
        } else {
          INDArray drawn = input.draw(kernel.rows());
          try {
            kernel.step(t, drawn, live);
          } finally {
            if (drawn != null) {
              drawn.close();
            }
          }
          int[] next = observer.afterStep(t, kernel, live);
          if (next != live) {
            live = next;
            if (live.length > 0) {
              kernel.retain(live);
            }
          }
        }
        progress.advance(n);
      }
    }
    observer.endBatch(live);
  }

  /** The batch's samples from {@code skip} on: a shard that starts inside a batch. */
  private static Batch rowsFrom(Batch batch, int skip) {
    int n = batch.size();
    INDArray rows =
        batch
            .features()
            .get(
                NDArrayIndex.interval(skip, n),
                NDArrayIndex.all(),
                NDArrayIndex.all(),
                NDArrayIndex.all());
    return new Batch(rows.dup('c'), Arrays.copyOfRange(batch.labels(), skip, n));
  }
}
