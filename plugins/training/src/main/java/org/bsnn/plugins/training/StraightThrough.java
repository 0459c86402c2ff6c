package org.bsnn.plugins.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.stage.Binarizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary-weight training through a {@link Binarizer} (XNOR-Net's BWN procedure as in Lu &amp;
 * Sengupta 2020, steps 1-8): before each forward pass the selected layers' real weights are kept
 * and replaced by {@code binarizer.binarize(real).dense()} (the binarizer mean-centres and clips
 * internally); after the backward pass the real weights come back and their gradient becomes the
 * straight-through estimate; then the optimizer steps on the real weights, which are clipped to
 * [-1, 1] (the reference clamps them in every step).
 *
 * <p>Straight-through gradient, for one output neuron k with fan-in n, binary weights {@code B =
 * sign(W) alpha_k}, and {@code G = dL/dB}:
 *
 * <ul>
 *   <li>{@code xnor-net} (XNOR-Net-PyTorch's {@code updateBinaryGradWeight}, the paper's
 *       reference): {@code dL/dW = (alpha_k G 1[|W| <= 1] + sign(W) mean_k(sign(W) G)) n (1 -
 *       1/c_in)} with c_in the size of dimension 1; the second term is the gradient through alpha.
 *   <li>{@code identity}: {@code dL/dW = G 1[|W| <= 1]} (BinaryConnect's clipped identity).
 * </ul>
 */
final class StraightThrough {

  private final SameDiffNetwork network;
  private final Binarizer binarizer;
  private final boolean xnorNet;
  private final boolean clip;
  private final List<String> selected = new ArrayList<>();
  private final List<INDArray> stash = new ArrayList<>();
  private final List<Weights.Binary> binary = new ArrayList<>();

  /** Binarizes the layers {@code binarizer} selects in {@code network}'s template. */
  StraightThrough(SameDiffNetwork network, Binarizer binarizer, String ste, boolean clip) {
    this.network = network;
    this.binarizer = binarizer;
    this.xnorNet = "xnor-net".equals(ste);
    this.clip = clip;
    Network template = network.template();
    for (Node node : template.weightedNodes()) {
      if (binarizer.selects(node, template)) {
        selected.add(node.name());
      }
    }
  }

  /** Names of the binarized layers. */
  List<String> selected() {
    return List.copyOf(selected);
  }

  /** Steps 1-4: keeps the real weights and puts the binary ones in their place. */
  void binarize() {
    for (String name : selected) {
      INDArray real = network.irWeights(name);
      stash.add(real);
      Weights.Binary b = binarizer.binarize(real);
      binary.add(b);
      try (INDArray dense = b.dense()) {
        network.assignIrWeights(name, dense);
      }
    }
  }

  /**
   * Steps 6-7: restores the real weights and turns their gradients into the straight-through ones.
   *
   * @param gradients by parameter name (see {@link SameDiffNetwork#params()}); the entries of the
   *     binarized layers are updated in place
   */
  void restore(Map<String, INDArray> gradients) {
    for (int i = 0; i < selected.size(); i++) {
      String name = selected.get(i);
      INDArray real = stash.get(i);
      Weights.Binary b = binary.get(i);
      INDArray g = gradients.get(SameDiffNetwork.weightName(name));
      if (g != null) {
        INDArray gIr = network.irView(name, g);
        try (INDArray gc = gIr.dup('c');
            INDArray ste = xnorNet ? xnorNetGradient(gc, real, b) : identityGradient(gc, real)) {
          gIr.assign(ste);
        }
      }
      network.assignIrWeights(name, real);
      real.close();
      b.signs().close();
      b.alpha().close();
    }
    stash.clear();
    binary.clear();
  }

  /**
   * After the optimizer step: clips the real weights of binary layers to [-1, 1] when configured.
   */
  void afterStep() {
    if (!clip) {
      return;
    }
    for (String name : selected) {
      INDArray weights = network.weights(name);
      Transforms.min(Transforms.max(weights, -1.0, false), 1.0, false);
    }
  }

  /**
   * XNOR-Net's weight gradient.
   *
   * @param g dL/dB in IR layout [out, ...]
   * @param real the real weights W, same shape
   * @param b the binary weights (signs and alpha per output)
   * @return a new array, same shape
   */
  static INDArray xnorNetGradient(INDArray g, INDArray real, Weights.Binary b) {
    long out = g.size(0);
    long n = g.length() / out;
    INDArray signs = b.signs();
    INDArray alpha = b.alpha().reshape(out).castTo(g.dataType());
    try (INDArray passThrough = identityGradient(g, real);
        INDArray signed = signs.mul(g);
        INDArray meanSigned = signed.reshape(out, n).mean(1)) {
      INDArray result = Broadcast.mul(passThrough, alpha, passThrough.ulike(), 0);
      try (INDArray alphaTerm = Broadcast.mul(signs, meanSigned.reshape(out), signs.ulike(), 0)) {
        result.addi(alphaTerm);
      }
      double scale = n * (1.0 - 1.0 / g.size(1));
      return result.muli(scale);
    } finally {
      alpha.close();
    }
  }

  /** {@code g} where |real| <= 1, else 0; a new array. */
  static INDArray identityGradient(INDArray g, INDArray real) {
    try (INDArray abs = Transforms.abs(real, true);
        INDArray inside = abs.lte(1.0);
        INDArray mask = inside.castTo(g.dataType())) {
      return g.mul(mask);
    }
  }
}
