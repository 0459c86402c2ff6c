package org.bsnn.plugins.normalization;

import java.util.Map;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.run.RunContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The output layer's lambda, used only when the output layer spikes (spike-count readout): the
 * largest output activation on the calibration images. One scalar for all classes, because spike
 * counts of different classes are compared with each other; the maximum rather than a percentile,
 * because a clipped output saturates at one spike per step and ties the leading classes.
 */
final class OutputMaximum {

  private final String output;
  private double max;

  OutputMaximum(Network ann) {
    this.output = ann.output();
  }

  /** Feeds one node's activation on a calibration batch; ignores every node but the output. */
  void offer(Node node, INDArray activation) {
    if (node.name().equals(output)) {
      max = Math.max(max, activation.maxNumber().doubleValue());
    }
  }

  /**
   * Adds the output's lambda to {@code scales} when the output was ever positive, and records it in
   * provenance as {@code outputLambda}; a network whose output never is positive gets none (the
   * converter then refuses a spike-count readout with a message that says so).
   */
  void addTo(Map<String, INDArray> scales, RunContext context) {
    if (max > 0) {
      scales.put(output, Nd4j.scalar(DataType.FLOAT, (float) max).reshape(1));
      context.provenance("outputLambda", max);
    }
  }
}
