package org.bsnn.plugins.evaluation;

import java.util.List;
import org.bsnn.api.config.Doc;

/**
 * Config of {@link ConfusionMatrixMetric}.
 *
 * @param of which classifiers to evaluate: "ann", "snn" or both
 */
public record ConfusionMatrixConfig(
    @Doc("classifiers to evaluate: ann, snn (the SNN's final or exit predictions)")
        List<String> of) {
  /** Validates the names. */
  public ConfusionMatrixConfig {
    of = List.copyOf(of);
    if (of.isEmpty()
        || !List.of("ann", "snn").containsAll(of)
        || of.stream().distinct().count() != of.size()) {
      throw new IllegalArgumentException("of must list ann and/or snn once each, got " + of);
    }
  }
}
