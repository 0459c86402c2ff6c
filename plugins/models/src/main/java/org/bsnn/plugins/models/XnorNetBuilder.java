package org.bsnn.plugins.models;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds XNOR-Net-style networks (Rastegari et al. 2016, as in XNOR-Net-PyTorch, the baseline Lu
 * &amp; Sengupta compared against): the first layer is an ordinary layer followed by batch norm and
 * ReLU; every later hidden layer is XNOR-Net's binary block {@code BN - sign - conv/fc - ReLU}, so
 * it receives binary (±1) activations; the classifier is an ordinary fully connected layer on the
 * last ReLU. With the usual binarizer settings (first and last weighted layer kept) the hidden
 * layers also get binary weights, giving XNOR-Net: binary inputs and binary weights in every layer
 * but the first and last.
 *
 * <p>Layer sizes come from a {@link VggSpec}: 3x3 convs (stride 1, padding 1), optional 2x2 pooling
 * after the ReLU (XNOR-Net pools after the activation), fully connected layers. The first fully
 * connected layer after a conv normalizes and binarizes the conv output per channel before the
 * flatten (XNOR-Net-PyTorch's {@code BinConv2d(previous_conv=True)}).
 *
 * <p>Batch norm epsilon 1e-4 as XNOR-Net-PyTorch; conv and fc layers have zero-initialised biases
 * (PyTorch's default layers have them, and no batch norm follows them here); init as the paper's
 * VGG: Kaiming normal fan-out for convs, N(0, 0.01) for fc.
 *
 * <p>Node names: {@code conv1}, {@code conv1-bn}, {@code conv1-relu}, {@code conv1-pool}; then
 * {@code convK-bn}, {@code convK-sign}, {@code convK}, {@code convK-relu}, {@code convK-pool};
 * {@code fcK-bn}, {@code fcK-sign}, ({@code flatten}), {@code fcK}, {@code fcK-relu}; the output is
 * the last {@code fcN}.
 */
final class XnorNetBuilder {

  /** XNOR-Net-PyTorch's batch-norm epsilon. */
  static final double EPSILON = 1e-4;

  private XnorNetBuilder() {}

  /**
   * Builds the network.
   *
   * @param input per-image shape [channels, height, width]
   * @param maxPooling max instead of average pooling
   * @throws IllegalArgumentException when the poolings shrink the image below 1x1
   */
  static Network build(
      String name, long[] input, VggSpec spec, boolean maxPooling, SplittableRandom random) {
    List<Node> nodes = new ArrayList<>();
    String previous = Network.INPUT;
    long channels = input[0];
    long height = input[1];
    long width = input[2];
    long features = -1;
    int conv = 0;
    int fc = 0;
    List<VggSpec.Entry> layers = spec.layers();
    for (int i = 0; i < layers.size(); i++) {
      VggSpec.Entry entry = layers.get(i);
      boolean first = i == 0;
      boolean last = i == layers.size() - 1;
      if (entry.conv()) {
        conv++;
        String base = "conv" + conv;
        if (!first) {
          previous = binaryInput(nodes, base, previous, channels);
        }
        nodes.add(
            Node.of(
                base,
                new Layer.Conv2d(
                    3,
                    1,
                    1,
                    new Weights.FullPrecision(
                        WeightInit.kaimingNormalFanOut(entry.width(), channels, 3, random)),
                    zeros(entry.width())),
                previous));
        channels = entry.width();
        previous = base;
        if (first) {
          nodes.add(Node.of(base + "-bn", freshBatchNorm(channels), previous));
          previous = base + "-bn";
        }
        nodes.add(Node.of(base + "-relu", new Layer.Relu(), previous));
        previous = base + "-relu";
        if (entry.pool()) {
          if (height < 2 || width < 2) {
            throw new IllegalArgumentException(
                "input "
                    + input[1]
                    + "x"
                    + input[2]
                    + " is too small for the pooling"
                    + " after "
                    + base
                    + ", where the image is "
                    + height
                    + "x"
                    + width
                    + "; use fewer 'p' entries");
          }
          height /= 2;
          width /= 2;
          nodes.add(
              Node.of(
                  base + "-pool",
                  maxPooling ? new Layer.MaxPool2d(2, 2) : new Layer.AvgPool2d(2, 2),
                  previous));
          previous = base + "-pool";
        }
      } else {
        fc++;
        String base = "fc" + fc;
        if (!first && !last) {
          previous = binaryInput(nodes, base, previous, features < 0 ? channels : features);
        }
        if (features < 0) {
          nodes.add(Node.of("flatten", new Layer.Flatten(), previous));
          previous = "flatten";
          features = channels * height * width;
        }
        nodes.add(
            Node.of(
                base,
                new Layer.Dense(
                    new Weights.FullPrecision(
                        WeightInit.normal(
                            new long[] {entry.width(), features}, VggBuilder.LINEAR_STD, random)),
                    zeros(entry.width())),
                previous));
        features = entry.width();
        previous = base;
        if (first) {
          nodes.add(Node.of(base + "-bn", freshBatchNorm(features), previous));
          previous = base + "-bn";
        }
        if (!last) {
          nodes.add(Node.of(base + "-relu", new Layer.Relu(), previous));
          previous = base + "-relu";
        }
      }
    }
    return new Network(name, input.clone(), nodes, previous);
  }

  /** XNOR-Net's {@code BN - sign} in front of a binary layer; returns the sign node's name. */
  private static String binaryInput(List<Node> nodes, String base, String in, long channels) {
    nodes.add(Node.of(base + "-bn", freshBatchNorm(channels), in));
    nodes.add(Node.of(base + "-sign", new Layer.Sign(), base + "-bn"));
    return base + "-sign";
  }

  private static INDArray zeros(long n) {
    return Nd4j.zeros(DataType.FLOAT, n);
  }

  private static Layer.BatchNorm freshBatchNorm(long channels) {
    return new Layer.BatchNorm(
        Nd4j.ones(DataType.FLOAT, channels),
        Nd4j.zeros(DataType.FLOAT, channels),
        Nd4j.zeros(DataType.FLOAT, channels),
        Nd4j.ones(DataType.FLOAT, channels),
        EPSILON);
  }
}
