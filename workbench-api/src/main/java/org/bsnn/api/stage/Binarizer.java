package org.bsnn.api.stage;

import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns real weights into binary ones. Trainers call {@link #binarize} in every training step
 * (straight-through estimation); the runner calls {@link #apply} on the trained network so that the
 * exported IR carries {@link Weights.Binary} weights wherever {@link #selects} holds.
 */
public non-sealed interface Binarizer extends Stage {

  /**
   * Whether this layer is binarized. XNOR-Net style binarizers keep the first conv and the last
   * fully connected layer in full precision.
   *
   * @param node the candidate weighted node
   * @param network the whole network, for position questions (first/last weighted layer)
   */
  boolean selects(Node node, Network network);

  /**
   * Binarizes one weight tensor.
   *
   * @param real real-valued weights, shape [out, in, kh, kw] (conv) or [out, in] (dense)
   * @return signs in {-1, +1} of the same shape and one scale per output neuron
   */
  Weights.Binary binarize(INDArray real);

  /** Replaces the weights of every selected layer by their binary form. */
  Network apply(Network network);
}
