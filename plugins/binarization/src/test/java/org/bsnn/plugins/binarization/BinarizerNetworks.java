package org.bsnn.plugins.binarization;

import java.util.List;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;

/** A small conv net for selection tests: conv1, conv2, fc1, fc2 (output) with ReLUs between. */
final class BinarizerNetworks {
  private BinarizerNetworks() {}

  static Network convNet() {
    List<Node> nodes =
        List.of(
            Node.of(
                "conv1",
                new Layer.Conv2d(
                    3,
                    1,
                    1,
                    fp(TestTensors.randn(1, 0.5, 2, 1, 3, 3)),
                    TestTensors.vector(0.1, -0.1)),
                Network.INPUT),
            Node.of("relu1", new Layer.Relu(), "conv1"),
            Node.of(
                "conv2",
                new Layer.Conv2d(3, 1, 1, fp(TestTensors.randn(2, 0.5, 3, 2, 3, 3)), null),
                "relu1"),
            Node.of("pool2", new Layer.AvgPool2d(2, 2), "conv2"),
            Node.of("relu2", new Layer.Relu(), "pool2"),
            Node.of("flatten", new Layer.Flatten(), "relu2"),
            Node.of(
                "fc1",
                new Layer.Dense(
                    fp(TestTensors.randn(3, 0.5, 5, 12)), TestTensors.vector(1, 2, 3, 4, 5)),
                "flatten"),
            Node.of("relu3", new Layer.Relu(), "fc1"),
            Node.of("drop", new Layer.Dropout(0.1), "relu3"),
            Node.of("fc2", new Layer.Dense(fp(TestTensors.randn(4, 0.5, 3, 5)), null), "drop"));
    return new Network("convnet", new long[] {1, 4, 4}, nodes, "fc2");
  }

  static Weights.FullPrecision fp(org.nd4j.linalg.api.ndarray.INDArray w) {
    return new Weights.FullPrecision(w);
  }

  static Weights weightsOf(Network net, String node) {
    Layer layer = net.node(node).layer();
    if (layer instanceof Layer.Conv2d c) {
      return c.weights();
    }
    return ((Layer.Dense) layer).weights();
  }
}
