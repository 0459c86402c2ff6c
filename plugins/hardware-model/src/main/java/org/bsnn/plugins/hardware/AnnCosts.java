package org.bsnn.plugins.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;

/** The weighted layers of an ANN with their geometry, in topological order. */
public final class AnnCosts {

  private AnnCosts() {}

  /**
   * Every conv and dense node of {@code ann}, named after the node.
   *
   * @throws IllegalArgumentException if the network's shapes do not fit
   */
  public static List<WeightedLayer> layers(Network ann) {
    Map<String, long[]> shapes = NetworkForward.shapes(ann);
    List<WeightedLayer> out = new ArrayList<>();
    for (Node node : ann.weightedNodes()) {
      String input = node.inputs().get(0);
      long[] in = Network.INPUT.equals(input) ? ann.inputShape() : shapes.get(input);
      out.add(WeightedLayer.of(node.name(), node.layer(), in));
    }
    return out;
  }

  /** Total multiply-accumulates per image. */
  public static long totalMacs(List<WeightedLayer> layers) {
    return layers.stream().mapToLong(WeightedLayer::macs).sum();
  }
}
