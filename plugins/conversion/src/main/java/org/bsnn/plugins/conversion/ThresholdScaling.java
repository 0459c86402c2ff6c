package org.bsnn.plugins.conversion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.UnsupportedLayerException;
import org.bsnn.api.network.Weights;
import org.bsnn.api.snn.Projection;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Applies threshold balancing to one synaptic path, layer-wise or channel-wise.
 *
 * <p>A spike of source channel i stands for the activation {@code λ_in[i]}, and the target's
 * threshold 1 for {@code λ_out[o]} (weight scaling) or its threshold is {@code λ_out[o]} itself
 * (layer thresholds, where {@code λ_out} is not divided here). For a path {@code x -> W_1 ... W_k}
 * of linear ops, the first weighted op's input dimension is multiplied by {@code λ_in} (through
 * pooling and flatten, which keep or repeat channels) and the last weighted op's output dimension
 * and bias are divided by {@code λ_out}; biases in between stay, since the later weights carry
 * them. For layer-wise lambdas this is the paper's {@code W·λ_{l-1}/λ_l}, bias {@code b/λ_l}. A
 * path without weights (an identity shortcut, pooling only) gets the factor {@code λ_in/λ_out} as
 * the projection's {@link Projection#scale()}.
 */
final class ThresholdScaling {

  private static final String PLUGIN = "if-neuron converter";

  private ThresholdScaling() {}

  /**
   * Linear operations accumulated since a spiking layer (or the input).
   *
   * @param source spiking node or input the path starts from
   * @param lambda λ of the source: one value, or one per channel (feature) of {@code shape}
   * @param shape per-sample shape of the source's output
   * @param ops the operations so far
   */
  record Branch(String source, double[] lambda, long[] shape, List<Layer> ops) {
    Branch then(Layer layer) {
      List<Layer> next = new ArrayList<>(ops);
      next.add(layer);
      return new Branch(source, lambda, shape, next);
    }

    Branch withOps(List<Layer> replacement) {
      return new Branch(source, lambda, shape, replacement);
    }
  }

  /**
   * The projection of {@code branch} into a node with lambda {@code lambdaOut}.
   *
   * @param at the node the path feeds (for error messages)
   * @param lambdaOut divisor of the output side: one value or one per output channel ({@code {1}}
   *     for the output integrator and in layer-threshold mode)
   */
  static Projection project(Node at, Branch branch, double[] lambdaOut) {
    List<Layer> ops = branch.ops();
    int first = -1;
    int last = -1;
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).hasWeights()) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    long[] shape = branch.shape();
    double[] in = branch.lambda();
    int upTo = first < 0 ? ops.size() : first;
    for (int i = 0; i < upTo; i++) {
      Layer op = ops.get(i);
      long[] next = LayerOps.outputShape(op, List.of(shape));
      in = lambdasAfter(op, in, next);
      shape = next;
    }
    if (first < 0) {
      return new Projection(branch.source(), ops, pathScale(at, in, lambdaOut, shape));
    }
    List<Layer> out = new ArrayList<>(ops);
    double[] one = {1.0};
    if (first == last) {
      out.set(first, scale(at, ops.get(first), in, lambdaOut));
    } else {
      out.set(first, scale(at, ops.get(first), in, one));
      out.set(last, scale(at, ops.get(last), one, lambdaOut));
    }
    return new Projection(branch.source(), out);
  }

  /**
   * The source's channel lambdas as seen after {@code op} (a weightless op before the path's first
   * conv/dense), whose per-sample output shape is {@code next}.
   */
  private static double[] lambdasAfter(Layer op, double[] in, long[] next) {
    return switch (op) {
      // Flattening turns each channel into h*w features, each with its channel's lambda.
      case Layer.Flatten f -> in.length > 1 ? repeatEach(in, next[0] / in.length) : in;
      // The channel axis stays where it is.
      case Layer.AvgPool2d p -> in;
      case Layer.MaxPool2d p -> in;
      case Layer.Dropout d -> in;
      // Never before a path's first conv/dense: conversion folds batch norms, ends paths at ReLUs
      // and additions, and rejects sign; all would keep the channel axis anyway.
      case Layer.BatchNorm bn -> in;
      case Layer.Relu r -> in;
      case Layer.Qcfs q -> in;
      case Layer.Sign s -> in;
      case Layer.Add a -> in;
      case Layer.Weighted w -> in; // the path's first one ends the weightless prefix
    };
  }

  /** {@code λ_in / λ_out} as a per-sample array for a weightless path, or null when it is 1. */
  private static INDArray pathScale(Node at, double[] in, double[] outLambda, long[] shape) {
    int width = Math.max(in.length, outLambda.length);
    if (in.length > 1 && outLambda.length > 1 && in.length != outLambda.length) {
      throw new UnsupportedLayerException(
          at,
          PLUGIN,
          "the path from a layer with "
              + in.length
              + " channel lambdas reaches it, which has "
              + outLambda.length
              + "; the channel counts must agree");
    }
    float[] f = new float[width];
    boolean unit = true;
    for (int c = 0; c < width; c++) {
      double v = in[in.length == 1 ? 0 : c] / outLambda[outLambda.length == 1 ? 0 : c];
      f[c] = (float) v;
      unit &= f[c] == 1f;
    }
    if (unit) {
      return null;
    }
    if (width == 1) {
      return Nd4j.create(f, new long[] {1}, 'c');
    }
    if (width != shape[0]) {
      throw new UnsupportedLayerException(
          at,
          PLUGIN,
          width + " channel lambdas do not fit the path's output shape " + Arrays.toString(shape));
    }
    return Nd4j.create(f, shape.length == 3 ? new long[] {width, 1, 1} : new long[] {width}, 'c');
  }

  /**
   * A weighted op with input dimension times {@code in} and output dimension (and bias) over {@code
   * outLambda}.
   */
  private static Layer scale(Node at, Layer op, double[] in, double[] outLambda) {
    Layer.Weighted layer = op.asWeighted().orElseThrow();
    Weights w = layer.weights();
    INDArray bias = layer.bias();
    long outputs = w.shape()[0];
    long inputs = w.shape()[1];
    if (in.length != 1 && in.length != inputs) {
      throw new UnsupportedLayerException(
          at,
          PLUGIN,
          "its "
              + op.type()
              + " has "
              + inputs
              + " inputs but the source layer has "
              + in.length
              + " channel lambdas");
    }
    if (outLambda.length != 1 && outLambda.length != outputs) {
      throw new UnsupportedLayerException(
          at,
          PLUGIN,
          "it has "
              + outLambda.length
              + " channel lambdas but the last weighted layer before it ("
              + op.type()
              + ") has "
              + outputs
              + " outputs; channel-wise lambdas need the ReLU's channels to be that layer's outputs");
    }
    double[] rows = new double[outLambda.length];
    for (int o = 0; o < rows.length; o++) {
      rows[o] = 1.0 / outLambda[o];
    }
    Weights scaled = scaleWeights(at, w, in, rows);
    INDArray newBias =
        bias == null
            ? null
            : rows.length == 1 ? bias.mul(rows[0]) : BatchNormFolding.alongDim(bias, rows, 0);
    return layer.withParameters(scaled, newBias);
  }

  private static Weights scaleWeights(Node at, Weights w, double[] columns, double[] rows) {
    boolean scalarColumns =
        columns.length == 1 || Arrays.stream(columns).allMatch(c -> c == columns[0]);
    return switch (w) {
      case Weights.Binary b -> {
        if (!scalarColumns) {
          throw new UnsupportedLayerException(
              at,
              PLUGIN,
              "channel-wise lambdas of its source would scale the inputs of binary weights,"
                  + " which then stop being binary; use a layer-wise normalizer for binary networks");
        }
        double[] alpha = b.alpha().toDoubleVector();
        for (int o = 0; o < alpha.length; o++) {
          alpha[o] *= columns[0] * rows[rows.length == 1 ? 0 : o];
        }
        yield new Weights.Binary(
            b.signs(), Nd4j.create(alpha, new long[] {alpha.length}, b.alpha().dataType()));
      }
      case Weights.FullPrecision full ->
          scaleFullPrecision(full.values(), scalarColumns, columns, rows);
    };
  }

  private static Weights scaleFullPrecision(
      INDArray values, boolean scalarColumns, double[] columns, double[] rows) {
    if (scalarColumns && rows.length == 1) {
      return new Weights.FullPrecision(values.mul(columns[0] * rows[0]));
    }
    INDArray scaled =
        scalarColumns ? values.mul(columns[0]) : BatchNormFolding.alongDim(values, columns, 1);
    if (rows.length == 1) {
      if (rows[0] != 1.0) {
        scaled.muli(rows[0]);
      }
      return new Weights.FullPrecision(scaled);
    }
    INDArray out = BatchNormFolding.alongDim(scaled, rows, 0);
    scaled.close();
    return new Weights.FullPrecision(out);
  }

  private static double[] repeatEach(double[] v, long times) {
    double[] out = new double[Math.toIntExact(v.length * times)];
    for (int i = 0; i < out.length; i++) {
      out[i] = v[(int) (i / times)];
    }
    return out;
  }

  /** Threshold array for a layer: [1], [channels, 1, 1] for images, [features] for flat layers. */
  static INDArray threshold(double[] lambda, long[] shape) {
    float[] f = new float[lambda.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) lambda[i];
    }
    long[] s =
        lambda.length == 1
            ? new long[] {1}
            : shape.length == 3 ? new long[] {lambda.length, 1, 1} : new long[] {lambda.length};
    return Nd4j.create(f, s, 'c');
  }
}
