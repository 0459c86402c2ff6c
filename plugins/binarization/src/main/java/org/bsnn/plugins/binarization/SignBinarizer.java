package org.bsnn.plugins.binarization;

import org.bsnn.api.network.Weights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain sign binarization: {@code W ≈ sign(W)} with every α = 1 (BinaryConnect-style, no scale).
 */
public final class SignBinarizer extends LayerSelectingBinarizer {

  /** A binarizer keeping the configured layers in full precision. */
  public SignBinarizer(BinarizerConfig config) {
    super(config);
  }

  @Override
  public Weights.Binary binarize(INDArray real) {
    return new Weights.Binary(
        XnorBwnBinarizer.signsOf(real), Nd4j.ones(real.dataType(), real.size(0)));
  }
}
