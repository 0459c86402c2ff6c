package org.bsnn.plugins.binarization;

import java.util.List;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.stage.Binarizer;

/**
 * The layer selection and network rewrite shared by weight binarizers: every conv and dense layer
 * except, optionally, the first and the last is binarized.
 */
abstract class LayerSelectingBinarizer implements Binarizer {

  private final BinarizerConfig config;

  LayerSelectingBinarizer(BinarizerConfig config) {
    this.config = config;
  }

  @Override
  public boolean selects(Node node, Network network) {
    List<Node> weighted = network.weightedNodes();
    int position = weighted.indexOf(node);
    if (position < 0) {
      return false;
    }
    boolean first = position == 0;
    boolean last = position == weighted.size() - 1;
    return !(first && config.keepFirst()) && !(last && config.keepLast());
  }

  @Override
  public Network apply(Network network) {
    return network.mapNodes(
        node -> selects(node, network) ? node.withLayer(binarizeLayer(node.layer())) : node);
  }

  /**
   * A selected layer (conv or dense: {@link #selects} only picks weighted nodes) with binary
   * weights.
   */
  private Layer binarizeLayer(Layer layer) {
    Layer.Weighted weighted = layer.asWeighted().orElseThrow();
    return weighted.withParameters(binary(weighted.weights()), weighted.bias());
  }

  private Weights binary(Weights weights) {
    return switch (weights) {
      case Weights.Binary b -> b;
      case Weights.FullPrecision full -> binarize(full.values());
    };
  }
}
