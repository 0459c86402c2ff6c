package org.bsnn.plugins.hardware;

import java.util.Iterator;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** What the hardware models need to know about the input images beyond the trace. */
final class InputStatistics {

  private InputStatistics() {}

  /**
   * Expected input spikes per sample and timestep under Poisson encoding: {@code Σ min(1, |x|)}
   * over the pixels of the simulated images (the first {@code trace.samples()} of the test split),
   * averaged over them; 0 for direct encoding or when no projection reads the input.
   */
  static double poissonSpikesPerSample(Evaluation evaluation) {
    if (evaluation.snn().isEmpty() || evaluation.trace().isEmpty()) {
      return 0;
    }
    SpikingNetwork snn = evaluation.snn().get();
    SimulationTrace trace = evaluation.trace().get();
    boolean readsInput =
        snn.nodes().stream()
            .flatMap(n -> n.inputs().stream())
            .anyMatch(p -> SpikingNetwork.INPUT.equals(p.source()));
    if (snn.encoding() != Encoding.POISSON || !readsInput || trace.samples() == 0) {
      return 0;
    }
    DataSplit split = evaluation.test().head(trace.samples());
    double sum = 0;
    Iterator<Batch> batches = split.batches(64);
    while (batches.hasNext()) {
      try (Batch b = batches.next();
          INDArray abs = Transforms.abs(b.features(), true);
          INDArray clipped = Transforms.min(abs, 1.0, false)) {
        sum += clipped.sumNumber().doubleValue();
      }
    }
    return sum / trace.samples();
  }
}
