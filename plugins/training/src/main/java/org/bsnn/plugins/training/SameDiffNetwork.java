package org.bsnn.plugins.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.stage.Binarizer;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An IR {@link Network} as an ND4J {@link SameDiff} graph for training by automatic
 * differentiation. Dense weights keep the IR layout [out, in] (applied as {@code x W^T}); conv
 * weights are held as [kh, kw, in, out], libnd4j's default, because M2.1's {@code conv2d_bp}
 * validates shapes as if weights were in that layout whatever format the op is given. {@link
 * #irView} maps between the two.
 *
 * <p>Ops are the same libnd4j kernels {@link NetworkForward} uses (conv2d with explicit symmetric
 * padding, avg/max pooling without padding, relu, C-order flatten, add; sign with a
 * straight-through gradient; QCFS with a trainable λ, {@link QcfsGraph}), followed by a softmax
 * cross-entropy loss averaged over the batch. Dropout is inverted dropout with a mask placeholder
 * per dropout node ({@code <node>/mask}, 0 or 1/(1-rate)) that the trainer fills from a seeded
 * generator, so runs are reproducible; at inference the IR is used instead.
 *
 * <p>Batch norm ({@link BatchNormalization}) normalizes with the batch's statistics in training
 * mode and with running statistics at inference, as PyTorch's {@code BatchNorm2d}; {@link #step}
 * updates the running statistics, {@link #logits} and {@link #export} use them.
 *
 * <p>Why SameDiff and not a DL4J {@code ComputationGraph}: DL4J 1.0.0-M2.1's convolution layer runs
 * its own im2col path (its oneDNN helpers are off by default), measured at 58 images/s for
 * vgg-small on one core, while libnd4j's conv2d op, which SameDiff calls, runs on oneDNN when the
 * backend has it.
 */
final class SameDiffNetwork {

  /** Placeholder names. */
  static final String INPUT = "input";

  static final String LABELS = "labels";
  static final String LOGITS = "logits";
  static final String LOSS = "loss";

  /** Scalar placeholder: 1 in training mode (batch statistics), 0 at inference (running ones). */
  static final String TRAINING = "training";

  private final Network template;
  private final SameDiff sd;
  private final Map<String, INDArray> params = new LinkedHashMap<>();
  private final Map<String, Double> dropout = new LinkedHashMap<>();
  private final Map<String, long[]> maskShapes = new HashMap<>();
  private final Map<String, BatchNormalization> batchNorms = new LinkedHashMap<>();

  private SameDiffNetwork(Network template, SameDiff sd) {
    this.template = template;
    this.sd = sd;
  }

  /** Parameter name of a node's weights. */
  static String weightName(String node) {
    return node + "/weight";
  }

  /** Parameter name of a node's bias. */
  static String biasName(String node) {
    return node + "/bias";
  }

  /**
   * Builds the graph with copies of {@code net}'s weights (binary weights as {@code signs * alpha})
   * and batch-norm parameters and running statistics.
   */
  static SameDiffNetwork of(Network net) {
    Map<String, long[]> shapes = NetworkForward.shapes(net);
    SameDiff sd = SameDiff.create();
    SameDiffNetwork result = new SameDiffNetwork(net, sd);
    long[] in = net.inputShape();
    Map<String, SDVariable> values = new HashMap<>();
    values.put(Network.INPUT, sd.placeHolder(INPUT, DataType.FLOAT, -1, in[0], in[1], in[2]));
    long classes = shapes.get(net.output())[0];
    SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, classes);
    SDVariable training = sd.placeHolder(TRAINING, DataType.FLOAT);
    for (Node node : net.nodes()) {
      SDVariable x = values.get(node.inputs().get(0));
      SDVariable y =
          switch (node.layer()) {
            case Layer.Conv2d conv -> {
              SDVariable w = result.convParam(weightName(node.name()), conv.weights());
              Conv2DConfig config =
                  Conv2DConfig.builder()
                      .kH(conv.kernel())
                      .kW(conv.kernel())
                      .sH(conv.stride())
                      .sW(conv.stride())
                      .pH(conv.padding())
                      .pW(conv.padding())
                      .dH(1)
                      .dW(1)
                      .paddingMode(PaddingMode.VALID)
                      .dataFormat(Conv2DConfig.NCHW)
                      .weightsFormat(WeightsFormat.YXIO)
                      .build();
              yield conv.bias() == null
                  ? sd.cnn().conv2d(x, w, config)
                  : sd.cnn().conv2d(x, w, result.param(biasName(node.name()), conv.bias()), config);
            }
            case Layer.Dense dense -> {
              SDVariable w = result.param(weightName(node.name()), dense.weights());
              SDVariable product = sd.mmul(x, w, false, true, false);
              yield dense.bias() == null
                  ? product
                  : product.add(
                      result
                          .param(biasName(node.name()), dense.bias())
                          .reshape(1, dense.outFeatures()));
            }
            case Layer.AvgPool2d pool ->
                sd.cnn()
                    .avgPooling2d(
                        x, pooling(pool.kernel(), pool.stride(), Pooling2D.Pooling2DType.AVG));
            case Layer.MaxPool2d pool ->
                sd.cnn()
                    .maxPooling2d(
                        x, pooling(pool.kernel(), pool.stride(), Pooling2D.Pooling2DType.MAX));
            case Layer.Relu r -> sd.nn().relu(x, 0.0);
            case Layer.Qcfs q ->
                QcfsGraph.activation(
                    sd,
                    x,
                    result.param(
                        lambdaName(node.name()),
                        Nd4j.scalar(DataType.FLOAT, (float) q.lambda()).reshape(1)),
                    q.levels());
            case Layer.Sign s -> signWithStraightThroughGradient(sd, x);
            case Layer.Dropout drop -> {
              if (drop.rate() > 0) {
                long[] shape = shapes.get(node.name());
                long[] full = new long[shape.length + 1];
                full[0] = -1;
                System.arraycopy(shape, 0, full, 1, shape.length);
                SDVariable mask = sd.placeHolder(maskName(node.name()), DataType.FLOAT, full);
                result.dropout.put(node.name(), drop.rate());
                result.maskShapes.put(node.name(), shape);
                yield x.mul(mask);
              }
              yield sd.identity(x);
            }
            case Layer.Flatten f -> sd.reshape(x, -1, shapes.get(node.name())[0]);
            case Layer.Add a -> {
              SDVariable sum = x;
              for (int i = 1; i < node.inputs().size(); i++) {
                sum = sum.add(values.get(node.inputs().get(i)));
              }
              yield sum;
            }
            case Layer.BatchNorm bn -> {
              BatchNormalization norm =
                  new BatchNormalization(node.name(), bn, shapes.get(node.name()));
              result.batchNorms.put(node.name(), norm);
              SDVariable gamma = result.param(gammaName(node.name()), bn.gamma());
              SDVariable beta = result.param(betaName(node.name()), bn.beta());
              yield norm.build(sd, x, gamma, beta, training);
            }
          };
      values.put(node.name(), y);
    }
    SDVariable logits = sd.identity(LOGITS, values.get(net.output()));
    sd.loss()
        .softmaxCrossEntropy(
            LOSS, labels, logits, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
    sd.setLossVariables(LOSS);
    return result;
  }

  /** Parameter name of a QCFS activation's trained clip value λ (a scalar). */
  static String lambdaName(String node) {
    return node + "/lambda";
  }

  /** Parameter name of a batch norm's scale. */
  static String gammaName(String node) {
    return node + "/gamma";
  }

  /** Parameter name of a batch norm's shift. */
  static String betaName(String node) {
    return node + "/beta";
  }

  /**
   * XNOR-Net's binary activation: forward {@code +1} where {@code x >= 0}, else {@code -1} (as
   * {@link Layer.Sign}); backward the straight-through estimator clipped at |x| <= 1 (Hubara et al.
   * 2016; XNOR-Net-PyTorch's {@code BinActive}), i.e. hard tanh's gradient. Written as {@code
   * hardTanh(x) + stopGradient(sign(x) - hardTanh(x))}: the value is the sign, the gradient hard
   * tanh's.
   */
  private static SDVariable signWithStraightThroughGradient(SameDiff sd, SDVariable x) {
    SDVariable clipped = sd.nn().hardTanh(x);
    SDVariable sign = x.gte(0.0).castTo(DataType.FLOAT).mul(2.0).sub(1.0);
    return clipped.add(new StopGradient(sd, sign.sub(clipped)).outputVariable());
  }

  /** Conv weights go in as [kh, kw, in, out]: libnd4j M2.1's conv2d_bp ignores the OIYX format. */
  private SDVariable convParam(String name, Weights weights) {
    try (INDArray ir = weights.dense()) {
      INDArray values = ir.permute(2, 3, 1, 0).castTo(DataType.FLOAT).dup('c');
      params.put(name, values);
      return sd.var(name, values);
    }
  }

  private SDVariable param(String name, Weights weights) {
    INDArray values = weights.dense().castTo(DataType.FLOAT);
    params.put(name, values);
    return sd.var(name, values);
  }

  private SDVariable param(String name, INDArray values) {
    INDArray copy = values.castTo(DataType.FLOAT).dup('c');
    params.put(name, copy);
    return sd.var(name, copy);
  }

  private static Pooling2DConfig pooling(int kernel, int stride, Pooling2D.Pooling2DType type) {
    return Pooling2DConfig.builder()
        .kH(kernel)
        .kW(kernel)
        .sH(stride)
        .sW(stride)
        .pH(0)
        .pW(0)
        .dH(1)
        .dW(1)
        .type(type)
        .divisor(Pooling2D.Divisor.INCLUDE_PADDING)
        .paddingMode(PaddingMode.VALID)
        .isNHWC(false)
        .build();
  }

  static String maskName(String node) {
    return node + "/mask";
  }

  /** The IR network the graph was built from. */
  Network template() {
    return template;
  }

  /**
   * The trainable parameters by name ({@code <node>/weight}, {@code <node>/bias}, {@code
   * <node>/gamma}, {@code <node>/beta} of batch norms, and {@code <node>/lambda} of QCFS layers),
   * in node order; the live arrays of the graph, in IR layout. Updating them in place updates the
   * graph.
   */
  Map<String, INDArray> params() {
    return params;
  }

  /**
   * The live weight array of a conv or dense node in the graph's layout: conv [kh, kw, in, out]
   * (libnd4j's default; see {@link #irView}), dense [out, in] as the IR.
   */
  INDArray weights(String node) {
    INDArray w = params.get(weightName(node));
    if (w == null) {
      throw new IllegalArgumentException("node '" + node + "' has no weights");
    }
    return w;
  }

  /**
   * A graph-layout weight array (or its gradient) seen in the IR layout: a permuted view [out, in,
   * kh, kw] for conv, the array itself for dense. Writing to the view writes the array.
   */
  INDArray irView(String node, INDArray graphLayout) {
    return graphLayout.rank() == 4 ? graphLayout.permute(3, 2, 0, 1) : graphLayout;
  }

  /** The node's current weights in the IR layout, as a new C-order array. */
  INDArray irWeights(String node) {
    return irView(node, weights(node)).dup('c');
  }

  /** Sets the node's weights from IR-layout values. */
  void assignIrWeights(String node, INDArray ir) {
    irView(node, weights(node)).assign(ir);
  }

  /**
   * One forward and backward pass in training mode; batch norms normalize with the batch's
   * statistics and then move their running statistics towards them.
   *
   * @param input [n, c, h, w]
   * @param labels one-hot [n, classes]
   * @return the mean cross-entropy, the logits [n, classes] and the gradient of every parameter
   */
  Step step(INDArray input, INDArray labels) {
    Map<String, INDArray> feed = new HashMap<>();
    feed.put(INPUT, input);
    feed.put(LABELS, labels);
    feedBatchNorms(feed, true);
    List<INDArray> masks = new ArrayList<>();
    for (Map.Entry<String, Double> e : dropout.entrySet()) {
      long[] shape = maskShapes.get(e.getKey());
      long[] full = new long[shape.length + 1];
      full[0] = input.size(0);
      System.arraycopy(shape, 0, full, 1, shape.length);
      double keep = 1.0 - e.getValue();
      INDArray mask = Nd4j.createUninitialized(DataType.FLOAT, full);
      Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, keep));
      mask.divi(keep);
      masks.add(mask);
      feed.put(maskName(e.getKey()), mask);
    }
    List<String> outputs = new ArrayList<>(List.of(LOSS, LOGITS));
    batchNorms.values().forEach(b -> outputs.addAll(b.statisticsOutputs()));
    OutAndGrad result =
        sd.calculateGradientsAndOutputs(feed, outputs, new ArrayList<>(params.keySet()));
    masks.forEach(INDArray::close);
    feed.get(TRAINING).close();
    for (BatchNormalization b : batchNorms.values()) {
      b.updateRunningStatistics(result.getOutputs(), input.size(0));
    }
    return new Step(
        result.getOutputs().get(LOSS).getDouble(0),
        result.getOutputs().get(LOGITS),
        result.getGradients());
  }

  /**
   * The result of {@link #step}.
   *
   * @param loss mean cross-entropy of the batch
   * @param logits [n, classes]
   * @param gradients by parameter name, same shapes as {@link #params()}
   */
  record Step(double loss, INDArray logits, Map<String, INDArray> gradients) {}

  /**
   * Copies the weights, biases and batch-norm parameters and running statistics of {@code net},
   * which must have this graph's structure.
   */
  void load(Network net) {
    for (Node node : net.nodes()) {
      switch (node.layer()) {
        case Layer.BatchNorm bn -> {
          params.get(gammaName(node.name())).assign(bn.gamma());
          params.get(betaName(node.name())).assign(bn.beta());
          batchNorms.get(node.name()).assignRunningStatistics(bn.mean(), bn.variance());
        }
        case Layer.Weighted weighted -> {
          try (INDArray values = weighted.weights().dense()) {
            assignIrWeights(node.name(), values);
          }
          if (weighted.bias() != null) {
            params.get(biasName(node.name())).assign(weighted.bias());
          }
        }
        // No parameters in the graph.
        case Layer.AvgPool2d p -> {}
        case Layer.MaxPool2d p -> {}
        case Layer.Relu r -> {}
        case Layer.Qcfs q -> params.get(lambdaName(node.name())).assign(q.lambda());
        case Layer.Sign s -> {}
        case Layer.Dropout d -> {}
        case Layer.Flatten f -> {}
        case Layer.Add a -> {}
      }
    }
  }

  /**
   * Exports the current weights into the IR.
   *
   * @param binarizer when present, layers it selects (judged on the template) get {@code
   *     binarizer.binarize(real)} weights
   */
  Network export(Optional<Binarizer> binarizer) {
    List<String> selected = new ArrayList<>();
    for (Node node : template.weightedNodes()) {
      if (binarizer.isPresent() && binarizer.get().selects(node, template)) {
        selected.add(node.name());
      }
    }
    return template.mapNodes(
        node ->
            switch (node.layer()) {
              case Layer.BatchNorm bn ->
                  node.withLayer(
                      batchNorms
                          .get(node.name())
                          .export(
                              params.get(gammaName(node.name())),
                              params.get(betaName(node.name()))));
              case Layer.Weighted weighted ->
                  node.withLayer(
                      exportWeighted(
                          node.name(),
                          weighted,
                          selected.contains(node.name()) ? binarizer : Optional.empty()));
              // No parameters: the template's layer is the trained one.
              case Layer.AvgPool2d p -> node;
              case Layer.MaxPool2d p -> node;
              case Layer.Relu r -> node;
              case Layer.Qcfs q -> node.withLayer(exportQcfs(node.name(), q));
              case Layer.Sign s -> node;
              case Layer.Dropout d -> node;
              case Layer.Flatten f -> node;
              case Layer.Add a -> node;
            });
  }

  /** A QCFS layer with its trained λ, which must have stayed positive. */
  private Layer.Qcfs exportQcfs(String name, Layer.Qcfs template) {
    double lambda = params.get(lambdaName(name)).getDouble(0);
    if (!(lambda > 0) || !Double.isFinite(lambda)) {
      throw new UserFacingException(
          "the trained clip value (lambda) of QCFS layer '"
              + name
              + "' became "
              + lambda
              + "; lower train.learningRate (or its weight decay) and run again");
    }
    return new Layer.Qcfs(lambda, template.levels());
  }

  /** The trained parameters of one conv/dense node, binarized when {@code binarizer} is present. */
  private Layer exportWeighted(
      String name, Layer.Weighted template, Optional<Binarizer> binarizer) {
    INDArray real = irWeights(name);
    Weights weights;
    if (binarizer.isPresent()) {
      weights = binarizer.get().binarize(real);
      real.close();
    } else {
      weights = new Weights.FullPrecision(real);
    }
    INDArray b = params.get(biasName(name));
    INDArray bias = b == null ? null : b.dup('c');
    return template.withParameters(weights, bias);
  }

  /**
   * Class scores (logits) in inference mode (dropout off, batch norms with running statistics),
   * from the graph itself.
   *
   * @param input [n, c, h, w]
   * @return a new array [n, classes]
   */
  INDArray logits(INDArray input) {
    Map<String, INDArray> feed = new HashMap<>();
    feed.put(INPUT, input);
    for (Map.Entry<String, long[]> e : maskShapes.entrySet()) {
      long[] full = new long[e.getValue().length + 1];
      full[0] = input.size(0);
      System.arraycopy(e.getValue(), 0, full, 1, e.getValue().length);
      feed.put(maskName(e.getKey()), Nd4j.ones(DataType.FLOAT, full));
    }
    feedBatchNorms(feed, false);
    INDArray logits = sd.output(feed, LOGITS).get(LOGITS).dup();
    feed.get(TRAINING).close();
    return logits;
  }

  /** Feeds the mode flag and every batch norm's running statistics. */
  private void feedBatchNorms(Map<String, INDArray> feed, boolean training) {
    feed.put(TRAINING, Nd4j.scalar(DataType.FLOAT, training ? 1f : 0f));
    batchNorms.values().forEach(b -> b.feed(feed));
  }
}
