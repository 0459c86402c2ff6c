package org.bsnn.plugins.models;

import java.util.List;
import org.bsnn.api.config.Doc;

/**
 * Config of {@link MlpArchitecture}.
 *
 * @param hidden neurons of each hidden layer
 * @param bias whether dense layers have biases (the paper's networks have none)
 */
public record MlpConfig(
    @Doc("neurons per hidden layer, e.g. [256, 128]; each followed by a ReLU") List<Integer> hidden,
    @Doc("give dense layers biases (the paper's networks have none)") boolean bias) {

  /** Validates the layer sizes. */
  public MlpConfig {
    hidden = List.copyOf(hidden);
    if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h == null || h < 1)) {
      throw new IllegalArgumentException(
          "hidden must list at least one positive layer size, got " + hidden);
    }
  }
}
