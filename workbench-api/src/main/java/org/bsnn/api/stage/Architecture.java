package org.bsnn.api.stage;

import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Network;
import org.bsnn.api.run.RunContext;

/**
 * A model-zoo entry: builds an untrained network with initialised weights for a dataset's input
 * shape and class count. Trainers are architecture-agnostic and train whatever IR they are given.
 *
 * <p>This stage is not in the original design: separating "which network" from "how to train it"
 * lets one YAML group ({@code model:}) swap architectures without touching trainer configs.
 */
public non-sealed interface Architecture extends Stage {

  /**
   * Builds the network.
   *
   * @param data input shape (channels, height, width) and class count to fit
   * @param context seeded randomness for weight initialisation
   * @throws IllegalArgumentException when the architecture cannot take that input shape
   */
  Network build(DatasetInfo data, RunContext context);
}
