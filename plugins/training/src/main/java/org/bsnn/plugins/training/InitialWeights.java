package org.bsnn.plugins.training;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.util.UserFacingException;

/**
 * Fine-tuning's starting point: a saved network whose weights replace the model's initialisation
 * (as the paper's binary ImageNet model was fine-tuned from a trained checkpoint). The model keeps
 * its structure (dropout rates included); the saved network must have the same nodes, wiring, layer
 * types and parameter shapes, checked here so that a mismatch names the first differing node
 * instead of failing inside ND4J.
 */
final class InitialWeights {

  private InitialWeights() {}

  /**
   * Loads the network {@code path} names and checks it against {@code model}.
   *
   * @throws UserFacingException naming the path and the first difference
   */
  static SavedNetwork load(String path, Network model) {
    SavedNetwork saved = SavedNetwork.load(path);
    String difference = firstDifference(model, saved.network());
    if (difference != null) {
      throw new UserFacingException(
          "train.init network in "
              + saved.dir()
              + " does not have the model's structure: "
              + difference);
    }
    return saved;
  }

  /** A description of the first structural difference, or null when there is none. */
  static String firstDifference(Network model, Network saved) {
    if (!Arrays.equals(model.inputShape(), saved.inputShape())) {
      return "input "
          + Arrays.toString(saved.inputShape())
          + " there, "
          + Arrays.toString(model.inputShape())
          + " in the model";
    }
    List<Node> a = model.nodes();
    List<Node> b = saved.nodes();
    Map<String, long[]> shapesA = NetworkForward.shapes(model);
    Map<String, long[]> shapesB = NetworkForward.shapes(saved);
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i >= a.size() || i >= b.size()) {
        return "it has " + b.size() + " nodes, the model " + a.size();
      }
      Node m = a.get(i);
      Node s = b.get(i);
      String there = describe(s, shapesB);
      String here = describe(m, shapesA);
      if (!m.name().equals(s.name()) || !m.inputs().equals(s.inputs()) || !there.equals(here)) {
        return "node "
            + (i + 1)
            + " is '"
            + s.name()
            + "' "
            + there
            + " reading "
            + s.inputs()
            + " there but '"
            + m.name()
            + "' "
            + here
            + " reading "
            + m.inputs()
            + " in the model";
      }
    }
    return null;
  }

  /** Type, parameter shapes and output shape: what must agree for the weights to fit. */
  private static String describe(Node node, Map<String, long[]> shapes) {
    Layer layer = node.layer();
    String params =
        switch (layer) {
          case Layer.Conv2d conv ->
              " weights "
                  + Arrays.toString(conv.weights().shape())
                  + " stride "
                  + conv.stride()
                  + " padding "
                  + conv.padding()
                  + (conv.bias() == null ? " no bias" : " bias");
          case Layer.Dense dense ->
              " weights "
                  + Arrays.toString(dense.weights().shape())
                  + (dense.bias() == null ? " no bias" : " bias");
          // The type and the output shape say all that must agree (a batch norm's channels are its
          // output's).
          case Layer.AvgPool2d p -> "";
          case Layer.MaxPool2d p -> "";
          case Layer.BatchNorm bn -> "";
          case Layer.Relu r -> "";
          case Layer.Qcfs q -> " lambda " + q.lambda() + " levels " + q.levels();
          case Layer.Sign s -> "";
          case Layer.Dropout d -> "";
          case Layer.Flatten f -> "";
          case Layer.Add a -> "";
        };
    return layer.type() + params + " output " + Arrays.toString(shapes.get(node.name()));
  }
}
