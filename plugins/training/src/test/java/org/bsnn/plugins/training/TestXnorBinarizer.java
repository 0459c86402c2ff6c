package org.bsnn.plugins.training;

import java.util.List;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.stage.Binarizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A test-only XNOR-Net weight binarizer (the trainers' tests see only the API and the model zoo, so
 * the real {@code xnor-bwn} plugin is not on this module's class path): first and last weighted
 * layer kept in full precision, conv weights mean-centred over input channels, clipped to [-1, 1],
 * then {@code sign(W) * mean|W|} per output.
 */
final class TestXnorBinarizer implements Binarizer {

  @Override
  public boolean selects(Node node, Network network) {
    List<Node> weighted = network.weightedNodes();
    int i = weighted.indexOf(node);
    return i > 0 && i < weighted.size() - 1;
  }

  @Override
  public Weights.Binary binarize(INDArray real) {
    INDArray w = real.dup('c');
    if (w.rank() == 4) {
      INDArray mean = w.mean(true, 1);
      w.subi(mean.broadcast(w.shape()));
    }
    Transforms.min(Transforms.max(w, -1.0, false), 1.0, false);
    long out = w.size(0);
    INDArray alpha = Transforms.abs(w.reshape(out, w.length() / out), true).mean(1).reshape(out);
    INDArray signs = w.gte(0).castTo(w.dataType()).muli(2).subi(1);
    return new Weights.Binary(signs, alpha);
  }

  @Override
  public Network apply(Network network) {
    return network.mapNodes(
        n -> {
          if (!selects(n, network)) {
            return n;
          }
          if (n.layer() instanceof Layer.Conv2d c
              && c.weights() instanceof Weights.FullPrecision fp) {
            return n.withLayer(
                new Layer.Conv2d(
                    c.kernel(), c.stride(), c.padding(), binarize(fp.values()), c.bias()));
          }
          if (n.layer() instanceof Layer.Dense d
              && d.weights() instanceof Weights.FullPrecision fp) {
            return n.withLayer(new Layer.Dense(binarize(fp.values()), d.bias()));
          }
          return n;
        });
  }
}
