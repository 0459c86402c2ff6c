package org.bsnn.api.network;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The one check that a network's numbers are numbers: parameters, activations and threshold scales
 * must hold no NaN or infinity. It runs where values enter the workbench (a network loaded from
 * disk, a trainer's output, a normalizer's activations and scales), because a single NaN weight
 * otherwise flows silently into every later stage and turns into a plausible-looking but wrong
 * accuracy. Errors name the node, the parameter, the first bad index and how many values are bad.
 */
public final class NetworkChecks {

  /** What to do about non-finite weights in a network read from disk. */
  public static final String LOADED_ADVICE =
      "the file is corrupt or training diverged: retrain or restore it";

  private NetworkChecks() {}

  /**
   * The first non-finite value of a tensor.
   *
   * @param kind "NaN", "+Infinity" or "-Infinity"
   * @param index its position, one entry per dimension
   * @param count how many values of the tensor are NaN or infinite
   * @param total how many values the tensor holds
   */
  public record NonFinite(String kind, long[] index, long count, long total) {

    /** E.g. {@code holds NaN at index [3, 17] (1 of 100352 values is NaN or infinite)}. */
    public String describe() {
      return "holds "
          + kind
          + " at index "
          + Arrays.toString(index)
          + " ("
          + count
          + " of "
          + total
          + " values "
          + (count == 1 ? "is" : "are")
          + " NaN or infinite)";
    }
  }

  /**
   * The first NaN or infinite value of {@code values} in C order, or empty when all are finite.
   * Integer tensors (binary signs) are always finite.
   */
  public static Optional<NonFinite> findNonFinite(INDArray values) {
    if (values == null || !values.dataType().isFPType() || values.isEmpty()) {
      return Optional.empty();
    }
    long bad =
        Nd4j.getExecutioner().exec(new MatchCondition(values, Conditions.notFinite())).getLong(0);
    if (bad == 0) {
      return Optional.empty();
    }
    long linear = BooleanIndexing.firstIndex(values, Conditions.notFinite()).getLong(0);
    long[] index = unravel(linear, values.shape());
    double v = values.getDouble(index);
    String kind = Double.isNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity";
    return Optional.of(new NonFinite(kind, index, bad, values.length()));
  }

  /**
   * The parameters of a layer by the names {@code network.json} gives them: {@code weight} or
   * {@code signs} and {@code alpha}, {@code bias}; batch norm's {@code gamma}, {@code beta}, {@code
   * mean}, {@code variance}. Layers without parameters give an empty map.
   */
  public static Map<String, INDArray> parameters(Layer layer) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    switch (layer) {
      case Layer.Conv2d conv -> weighted(out, conv);
      case Layer.Dense dense -> weighted(out, dense);
      case Layer.BatchNorm bn -> {
        out.put("gamma", bn.gamma());
        out.put("beta", bn.beta());
        out.put("mean", bn.mean());
        out.put("variance", bn.variance());
      }
      case Layer.AvgPool2d p -> {}
      case Layer.MaxPool2d p -> {}
      case Layer.Relu r -> {}
      case Layer.Qcfs q -> {}
      case Layer.Dropout d -> {}
      case Layer.Flatten f -> {}
      case Layer.Add a -> {}
      case Layer.Sign s -> {}
    }
    return out;
  }

  private static void weighted(Map<String, INDArray> out, Layer.Weighted layer) {
    switch (layer.weights()) {
      case Weights.FullPrecision fp -> out.put("weight", fp.values());
      case Weights.Binary b -> {
        out.put("signs", b.signs());
        out.put("alpha", b.alpha());
      }
    }
    if (layer.bias() != null) {
      out.put("bias", layer.bias());
    }
  }

  /**
   * The first parameter of {@code net} (nodes in order) holding NaN or infinity, described as
   * {@code node 'fc1' parameter 'weight' holds NaN at index [3, 17] (...)}; empty when all are
   * finite.
   */
  public static Optional<String> firstNonFiniteParameter(Network net) {
    for (Node node : net.nodes()) {
      for (Map.Entry<String, INDArray> p : parameters(node.layer()).entrySet()) {
        Optional<NonFinite> bad = findNonFinite(p.getValue());
        if (bad.isPresent()) {
          return Optional.of(
              "node '" + node.name() + "' parameter '" + p.getKey() + "' " + bad.get().describe());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Throws unless every parameter of {@code net} is finite.
   *
   * @param source what the network is, first in the message, e.g. {@code network
   *     results/x/network.json}
   * @param advice what to do, last in the message
   * @throws UserFacingException {@code <source>: node 'fc1' parameter 'weight' holds NaN at index
   *     [3, 17] (...); <advice>}
   */
  public static void requireFinite(Network net, String source, String advice) {
    firstNonFiniteParameter(net)
        .ifPresent(
            bad -> {
              throw new UserFacingException(source + ": " + bad + "; " + advice);
            });
  }

  /**
   * Throws unless an activation is finite, naming the node that produced it.
   *
   * @param node the node whose output {@code activation} is
   * @param activation shape {@code [n, ...]}; the first index is the image within the batch
   * @param during what was running, e.g. {@code on the calibration images of normalizer
   *     'percentile'}
   * @throws UserFacingException naming the node, the first bad index and the likely causes
   */
  public static void requireFiniteActivation(Node node, INDArray activation, String during) {
    findNonFinite(activation)
        .ifPresent(
            bad -> {
              throw new UserFacingException(
                  "the output of layer '"
                      + node.name()
                      + "' ("
                      + node.layer().type()
                      + ") "
                      + during
                      + " "
                      + bad.describe()
                      + "; the network's weights or the input images hold NaN or infinity, or the "
                      + "activations overflow float32: check the network (retrain it) and the dataset");
            });
  }

  /**
   * Wraps a tap for {@link NetworkForward#run(Network, INDArray, BiConsumer)} so that every node's
   * output is checked with {@link #requireFiniteActivation} before {@code tap} sees it; the first
   * node in topological order whose output is not finite is the one named.
   */
  public static BiConsumer<Node, INDArray> finiteActivations(
      BiConsumer<Node, INDArray> tap, String during) {
    return (node, activation) -> {
      requireFiniteActivation(node, activation, during);
      tap.accept(node, activation);
    };
  }

  /**
   * Throws unless every threshold scale (lambda) is finite and positive: a scale of 0, a negative
   * one or NaN gives neurons that never fire or always fire, without any other error.
   *
   * @param normalizer the normalizer's id, for the message
   */
  public static void requireValidScales(LayerScales scales, String normalizer) {
    for (Map.Entry<String, INDArray> e : scales.byNode().entrySet()) {
      INDArray lambda = e.getValue();
      String where =
          "normalizer '" + normalizer + "' gave layer '" + e.getKey() + "' a threshold scale that ";
      Optional<NonFinite> bad = findNonFinite(lambda);
      if (bad.isPresent()) {
        throw new UserFacingException(
            where
                + bad.get().describe()
                + "; the network's activations on the calibration images are not finite: check the "
                + "network (retrain it) and the dataset");
      }
      double min = lambda.minNumber().doubleValue();
      if (!(min > 0)) {
        throw new UserFacingException(
            where
                + "is "
                + min
                + " (lambdas must be > 0): the layer never activated on the calibration images; use "
                + "more calibration samples or check the network");
      }
    }
  }

  private static long[] unravel(long linear, long[] shape) {
    long[] index = new long[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      index[d] = linear % shape[d];
      linear /= shape[d];
    }
    return index;
  }
}
