package org.bsnn.plugins.models;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds small residual networks for 28x28 / 32x32 images in the style of He et al. 2016's CIFAR
 * ResNets: a 3x3 stem conv - BN - ReLU, then stages of basic blocks, global average pooling and a
 * fully connected classifier.
 *
 * <p>Basic block: {@code conv3x3 - BN - ReLU - conv3x3 - BN}, added to the shortcut, then ReLU. The
 * first block of every stage after the first has stride 2; where the shape changes (stride or
 * width) the shortcut is a 1x1 conv - BN projection (option B of the paper), else the identity.
 * Convs have no bias (the batch norm after each gives the shift); the classifier has one.
 *
 * <p>Every weight sits in a conv or dense layer that the converter can fold the following batch
 * norm into, and every addition is followed by a ReLU, so the if-neuron converter maps each block
 * onto two spiking layers with one projection per addend. For binary-weight training the stem
 * (first weighted node) and the classifier (last) stay full precision under the usual binarizer
 * settings; the 1x1 projections lie between them and are binarized like the 3x3 convs.
 *
 * <p>Init: Kaiming normal with fan-out for convs (as torchvision's ResNet), BN gamma 1, beta 0,
 * running mean 0 and variance 1, the classifier N(0, 0.01) as the paper's VGG, zero bias.
 *
 * <p>Node names: {@code stem}, {@code stem-bn}, {@code stem-relu}; per block {@code sSbB-conv1},
 * {@code -bn1}, {@code -relu1}, {@code -conv2}, {@code -bn2}, optionally {@code -proj}, {@code
 * -proj-bn}, then {@code -add}, {@code -relu} (S and B 1-based); then {@code pool}, {@code
 * flatten}, {@code fc} (the output).
 */
final class ResNetBuilder {

  /** PyTorch's default batch-norm epsilon. */
  static final double EPSILON = 1e-5;

  private final List<Node> nodes = new ArrayList<>();
  private final SplittableRandom random;

  private ResNetBuilder(SplittableRandom random) {
    this.random = random;
  }

  /**
   * Builds the network.
   *
   * @param input per-image shape [channels, height, width]
   * @param classes outputs of the classifier
   * @throws IllegalArgumentException when the image is not square or the strides shrink it below
   *     1x1
   */
  static Network build(
      String name, long[] input, ResNetSmallConfig config, int classes, SplittableRandom random) {
    if (input[1] != input[2]) {
      throw new IllegalArgumentException(
          "resnet-small needs square images for its global average pooling, got "
              + input[1]
              + "x"
              + input[2]);
    }
    ResNetBuilder b = new ResNetBuilder(random);
    long channels = config.widths().get(0);
    long size = input[1];
    String x = b.convBnRelu("stem", "stem-bn", "stem-relu", Network.INPUT, input[0], channels, 1);
    for (int s = 0; s < config.widths().size(); s++) {
      long width = config.widths().get(s);
      for (int k = 0; k < config.blocks().get(s); k++) {
        int stride = s > 0 && k == 0 ? 2 : 1;
        if (stride == 2) {
          if (size < 2) {
            throw new IllegalArgumentException(
                "the image is 1x1 before stage " + (s + 1) + "; use fewer stages");
          }
          size = (size - 1) / 2 + 1;
        }
        x = b.block("s" + (s + 1) + "b" + (k + 1), x, channels, width, stride);
        channels = width;
      }
    }
    b.nodes.add(Node.of("pool", new Layer.AvgPool2d((int) size, (int) size), x));
    b.nodes.add(Node.of("flatten", new Layer.Flatten(), "pool"));
    b.nodes.add(
        Node.of(
            "fc",
            new Layer.Dense(
                new Weights.FullPrecision(
                    WeightInit.normal(
                        new long[] {classes, channels}, VggBuilder.LINEAR_STD, random)),
                Nd4j.zeros(DataType.FLOAT, classes)),
            "flatten"));
    return new Network(name, input.clone(), b.nodes, "fc");
  }

  private String block(String base, String in, long inChannels, long width, int stride) {
    String h =
        convBnRelu(base + "-conv1", base + "-bn1", base + "-relu1", in, inChannels, width, stride);
    String residual = convBn(base + "-conv2", base + "-bn2", h, width, width, 3, 1, 1);
    String shortcut = in;
    if (stride != 1 || inChannels != width) {
      shortcut = convBn(base + "-proj", base + "-proj-bn", in, inChannels, width, 1, stride, 0);
    }
    nodes.add(new Node(base + "-add", new Layer.Add(), List.of(residual, shortcut)));
    nodes.add(Node.of(base + "-relu", new Layer.Relu(), base + "-add"));
    return base + "-relu";
  }

  /** conv3x3 (padding 1) - BN - ReLU; returns the ReLU's name. */
  private String convBnRelu(
      String conv, String bn, String relu, String in, long inChannels, long out, int stride) {
    convBn(conv, bn, in, inChannels, out, 3, stride, 1);
    nodes.add(Node.of(relu, new Layer.Relu(), bn));
    return relu;
  }

  /** conv (no bias) - BN; returns the BN's name. */
  private String convBn(
      String conv,
      String bn,
      String in,
      long inChannels,
      long out,
      int kernel,
      int stride,
      int padding) {
    nodes.add(
        Node.of(
            conv,
            new Layer.Conv2d(
                kernel,
                stride,
                padding,
                new Weights.FullPrecision(
                    WeightInit.kaimingNormalFanOut(out, inChannels, kernel, random)),
                null),
            in));
    nodes.add(Node.of(bn, freshBatchNorm(out), conv));
    return bn;
  }

  /** gamma 1, beta 0, running mean 0, running variance 1 (PyTorch's initial batch norm). */
  static Layer.BatchNorm freshBatchNorm(long channels) {
    return new Layer.BatchNorm(
        Nd4j.ones(DataType.FLOAT, channels),
        Nd4j.zeros(DataType.FLOAT, channels),
        Nd4j.zeros(DataType.FLOAT, channels),
        Nd4j.ones(DataType.FLOAT, channels),
        EPSILON);
  }
}
