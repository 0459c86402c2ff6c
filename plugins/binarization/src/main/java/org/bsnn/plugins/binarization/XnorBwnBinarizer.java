package org.bsnn.plugins.binarization;

import org.bsnn.api.network.Weights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * XNOR-Net binary-weight network binarization (Rastegari et al. 2016), as used by Lu &amp; Sengupta
 * (2020): mean-centre conv weights over the input-channel dimension, clip to [-1, 1], then {@code W
 * ≈ sign(W) · α_k} with one {@code α_k = ||W_k||₁ / n} per output filter or neuron (n = fan-in).
 * Signs of exact zeros are +1 so every weight stays ±α.
 */
public final class XnorBwnBinarizer extends LayerSelectingBinarizer {

  /** A binarizer keeping the configured layers in full precision. */
  public XnorBwnBinarizer(BinarizerConfig config) {
    super(config);
  }

  @Override
  public Weights.Binary binarize(INDArray real) {
    INDArray w = real.dup();
    if (w.rank() == 4) {
      // mean-centre over input channels (dimension 1), per output filter and kernel position
      INDArray mean = w.mean(true, 1);
      w.subi(mean.broadcast(w.shape()));
      mean.close();
    }
    Transforms.min(Transforms.max(w, -1.0, false), 1.0, false);
    long out = w.size(0);
    INDArray flat = w.reshape(out, w.length() / out);
    INDArray alpha = Transforms.abs(flat, true).mean(1);
    INDArray signs = signsOf(w);
    w.close();
    return new Weights.Binary(signs, alpha.reshape(out).castTo(real.dataType()));
  }

  /** +1 where {@code w >= 0}, -1 elsewhere. */
  static INDArray signsOf(INDArray w) {
    INDArray nonNegative = w.gte(0).castTo(w.dataType());
    INDArray signs = nonNegative.mul(2).subi(1);
    nonNegative.close();
    return signs;
  }
}
