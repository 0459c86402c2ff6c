package org.bsnn.api.stage;

import java.util.Optional;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.network.Network;
import org.bsnn.api.run.RunContext;

/**
 * Produces a trained ANN in the network IR. A trainer may start from the model stage's network,
 * ignore it (e.g. one that loads a checkpoint), and may apply a binarizer during training
 * (binary-weight training with a straight-through estimator).
 */
public non-sealed interface Trainer extends Stage {

  /**
   * Trains a network.
   *
   * @param initial the model stage's untrained network, empty when the experiment names no model
   * @param data the dataset; training uses its training split
   * @param binarizer the experiment's binarizer, empty for a full-precision network
   * @return the trained network; binary layers carry {@link org.bsnn.api.network.Weights.Binary}
   *     weights when a binarizer was given
   */
  Network train(
      Optional<Network> initial, Dataset data, Optional<Binarizer> binarizer, RunContext context);
}
