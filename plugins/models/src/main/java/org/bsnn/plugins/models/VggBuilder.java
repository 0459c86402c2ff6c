package org.bsnn.plugins.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds VGG-style IR networks by the design rules of Lu &amp; Sengupta's {@code vgg15ab}: 3x3
 * convolutions (stride 1, padding 1), each followed by ReLU and dropout, or, when pooled, by 2x2
 * pooling and ReLU (pooling before ReLU by default, so conv + pool form one linear stage of one
 * spiking layer); then flatten, dropout, and fully connected layers with ReLU and dropout between
 * them. The last layer is the linear classifier. Dropout nodes are omitted when the rate is 0.
 *
 * <p>Init as the reference: Kaiming normal with fan-out for conv weights, N(0, 0.01) for linear
 * weights, zero biases.
 *
 * <p>Node names: {@code conv1}, {@code conv1-pool}, {@code conv1-relu}, {@code conv1-drop}, ...,
 * {@code flatten}, {@code flatten-drop}, {@code fc1}, {@code fc1-relu}, {@code fc1-drop}, ...; the
 * output is the last {@code fcN}.
 */
public final class VggBuilder {

  /** Standard deviation of linear weights (the reference's {@code normal_(0, 0.01)}). */
  static final double LINEAR_STD = 0.01;

  /**
   * Options of the design rules.
   *
   * @param maxPooling max instead of average pooling
   * @param poolBeforeRelu pool the conv output, then ReLU (the paper's choice), instead of ReLU
   *     then pool
   * @param dropout drop probability, in [0, 1); 0 omits the dropout nodes
   * @param bias give conv and fc layers (zero-initialised) biases
   */
  public record Options(boolean maxPooling, boolean poolBeforeRelu, double dropout, boolean bias) {}

  private VggBuilder() {}

  /**
   * Builds the network.
   *
   * @param name network name
   * @param input per-image shape [channels, height, width]
   * @throws IllegalArgumentException when the poolings shrink the image below 1x1
   */
  public static Network build(
      String name, long[] input, VggSpec spec, Options options, SplittableRandom random) {
    List<Node> nodes = new ArrayList<>();
    String previous = Network.INPUT;
    long channels = input[0];
    long height = input[1];
    long width = input[2];
    int conv = 0;
    int fc = 0;
    int pools = 0;
    long features = -1;
    List<VggSpec.Entry> layers = spec.layers();
    for (int i = 0; i < layers.size(); i++) {
      VggSpec.Entry entry = layers.get(i);
      boolean last = i == layers.size() - 1;
      if (entry.conv()) {
        conv++;
        String base = "conv" + conv;
        Layer.Conv2d layer =
            new Layer.Conv2d(
                3,
                1,
                1,
                new Weights.FullPrecision(
                    WeightInit.kaimingNormalFanOut(entry.width(), channels, 3, random)),
                options.bias() ? Nd4j.zeros(DataType.FLOAT, entry.width()) : null);
        nodes.add(Node.of(base, layer, previous));
        previous = base;
        channels = entry.width();
        if (entry.pool()) {
          pools++;
          if (height < 2 || width < 2) {
            throw new IllegalArgumentException(
                "input "
                    + input[1]
                    + "x"
                    + input[2]
                    + " is too small for pooling "
                    + pools
                    + " (at "
                    + base
                    + ", where the image is "
                    + height
                    + "x"
                    + width
                    + "); use fewer 'p' entries "
                    + "or a larger input");
          }
          height /= 2;
          width /= 2;
          Layer pool = options.maxPooling() ? new Layer.MaxPool2d(2, 2) : new Layer.AvgPool2d(2, 2);
          if (options.poolBeforeRelu()) {
            nodes.add(Node.of(base + "-pool", pool, previous));
            nodes.add(Node.of(base + "-relu", new Layer.Relu(), base + "-pool"));
            previous = base + "-relu";
          } else {
            nodes.add(Node.of(base + "-relu", new Layer.Relu(), previous));
            nodes.add(Node.of(base + "-pool", pool, base + "-relu"));
            previous = base + "-pool";
          }
        } else {
          nodes.add(Node.of(base + "-relu", new Layer.Relu(), previous));
          previous = dropout(nodes, base, base + "-relu", options);
        }
      } else {
        if (features < 0) {
          nodes.add(Node.of("flatten", new Layer.Flatten(), previous));
          features = channels * height * width;
          previous = dropout(nodes, "flatten", "flatten", options);
        }
        fc++;
        String base = "fc" + fc;
        Layer.Dense layer =
            new Layer.Dense(
                new Weights.FullPrecision(
                    WeightInit.normal(new long[] {entry.width(), features}, LINEAR_STD, random)),
                options.bias() ? Nd4j.zeros(DataType.FLOAT, entry.width()) : null);
        nodes.add(Node.of(base, layer, previous));
        previous = base;
        features = entry.width();
        if (!last) {
          nodes.add(Node.of(base + "-relu", new Layer.Relu(), base));
          previous = dropout(nodes, base, base + "-relu", options);
        }
      }
    }
    return new Network(name, Arrays.copyOf(input, 3), nodes, previous);
  }

  private static String dropout(List<Node> nodes, String base, String input, Options options) {
    if (options.dropout() <= 0) {
      return input;
    }
    nodes.add(Node.of(base + "-drop", new Layer.Dropout(options.dropout()), input));
    return base + "-drop";
  }
}
