package org.bsnn.api.network;

import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Threshold-balancing scales (lambda) per ReLU node: the activation value that the spiking layer's
 * threshold stands for. Layer-wise scales are scalars (shape [1]); channel-wise scales have one
 * value per channel (shape [channels]). A normalizer may also give the network's output node a
 * scalar lambda (its largest activation), which a converter needs only when the output layer spikes
 * (spike-count readout).
 *
 * @param byNode lambda keyed by the name of the ReLU node whose output it scales
 */
public record LayerScales(Map<String, INDArray> byNode) {

  /** Copies into a sorted map so iteration (and provenance) order is stable. */
  public LayerScales {
    byNode = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byNode));
  }

  /** No balancing: every lambda is 1 (used when an experiment names no normalizer). */
  public static LayerScales unit() {
    return new LayerScales(Map.of());
  }

  /** Lambda of a ReLU node; 1 when none was computed for it. */
  public INDArray of(String reluNode) {
    INDArray v = byNode.get(reluNode);
    return v != null ? v : Nd4j.scalar(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1f).reshape(1);
  }
}
