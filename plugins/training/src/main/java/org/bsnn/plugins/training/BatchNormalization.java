package org.bsnn.plugins.training;

import java.util.List;
import java.util.Map;
import org.bsnn.api.network.Layer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One trainable batch-norm node of a {@link SameDiffNetwork}, with PyTorch's {@code BatchNorm2d} /
 * {@code BatchNorm1d} semantics (Ioffe &amp; Szegedy 2015): in training mode the input is
 * normalized per channel with the batch's mean and biased variance, and the running statistics move
 * towards the batch's ({@code running = (1 - momentum) running + momentum batch}, the variance
 * unbiased by {@code m / (m - 1)} with m the values per channel); at inference the running
 * statistics are used.
 *
 * <p>The normalization is written with elementwise SameDiff ops rather than libnd4j's {@code
 * batchnorm} op, whose backward pass treats mean and variance as constants or as batch statistics
 * depending on the version: here automatic differentiation sees exactly the graph below, so the
 * gradient through the batch statistics is the textbook one. The mode is a scalar placeholder
 * {@code t} (1 training, 0 inference): {@code mean = t batchMean + (1 - t) runningMean}, and the
 * running statistics are placeholders fed from this object, so one graph serves both modes.
 */
final class BatchNormalization {

  /** PyTorch's default momentum, also XNOR-Net-PyTorch's: the weight of the new batch. */
  static final double MOMENTUM = 0.1;

  private final String node;
  private final double epsilon;
  private final long[] sampleShape;
  private final INDArray runningMean;
  private final INDArray runningVariance;

  /**
   * @param node the node's name, used to name graph variables {@code <node>/...}
   * @param layer the IR layer: initial running statistics and epsilon
   * @param sampleShape the per-sample input shape, [channels, h, w] or [features]
   */
  BatchNormalization(String node, Layer.BatchNorm layer, long[] sampleShape) {
    this.node = node;
    this.epsilon = layer.epsilon();
    this.sampleShape = sampleShape.clone();
    this.runningMean = layer.mean().castTo(DataType.FLOAT).reshape(channels()).dup('c');
    this.runningVariance = layer.variance().castTo(DataType.FLOAT).reshape(channels()).dup('c');
  }

  private long channels() {
    return sampleShape[0];
  }

  private String name(String what) {
    return node + "/" + what;
  }

  /**
   * Adds the normalization of {@code x} to the graph.
   *
   * @param gamma scale [channels]
   * @param beta shift [channels]
   * @param training the mode placeholder (scalar, 1 or 0)
   * @return the normalized activations, same shape as {@code x}
   */
  SDVariable build(
      SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta, SDVariable training) {
    int[] axes = sampleShape.length == 3 ? new int[] {0, 2, 3} : new int[] {0};
    long[] broadcast =
        sampleShape.length == 3 ? new long[] {1, channels(), 1, 1} : new long[] {1, channels()};
    SDVariable batchMean = x.mean(true, axes);
    SDVariable batchVariance = sd.math().square(x.sub(batchMean)).mean(true, axes);
    sd.identity(name("batch-mean"), batchMean.reshape(channels()));
    sd.identity(name("batch-variance"), batchVariance.reshape(channels()));
    SDVariable running =
        sd.placeHolder(name("running-mean"), DataType.FLOAT, channels()).reshape(broadcast);
    SDVariable runningVar =
        sd.placeHolder(name("running-variance"), DataType.FLOAT, channels()).reshape(broadcast);
    SDVariable inference = training.rsub(1.0);
    SDVariable mean = batchMean.mul(training).add(running.mul(inference));
    SDVariable variance = batchVariance.mul(training).add(runningVar.mul(inference));
    SDVariable normalized = x.sub(mean).mul(sd.math().rsqrt(variance.add(epsilon)));
    return normalized.mul(gamma.reshape(broadcast)).add(beta.reshape(broadcast));
  }

  /** Feeds the running statistics to their placeholders. */
  void feed(Map<String, INDArray> feed) {
    feed.put(name("running-mean"), runningMean);
    feed.put(name("running-variance"), runningVariance);
  }

  /** The graph outputs {@link #updateRunningStatistics} reads. */
  List<String> statisticsOutputs() {
    return List.of(name("batch-mean"), name("batch-variance"));
  }

  /**
   * Moves the running statistics towards a training batch's.
   *
   * @param outputs the step's outputs, including {@link #statisticsOutputs()}
   * @param batchSize images in the batch
   */
  void updateRunningStatistics(Map<String, INDArray> outputs, long batchSize) {
    long m = batchSize;
    for (int d = 1; d < sampleShape.length; d++) {
      m *= sampleShape[d];
    }
    // PyTorch normalizes with the biased variance but tracks the unbiased one.
    double unbias = m > 1 ? (double) m / (m - 1) : 1.0;
    try (INDArray mean = outputs.get(name("batch-mean"));
        INDArray variance = outputs.get(name("batch-variance"));
        INDArray meanStep = mean.mul(MOMENTUM);
        INDArray varianceStep = variance.mul(MOMENTUM * unbias)) {
      runningMean.muli(1 - MOMENTUM).addi(meanStep);
      runningVariance.muli(1 - MOMENTUM).addi(varianceStep);
    }
  }

  /** Replaces the running statistics (e.g. from a checkpoint). */
  void assignRunningStatistics(INDArray mean, INDArray variance) {
    runningMean.assign(mean.reshape(channels()));
    runningVariance.assign(variance.reshape(channels()));
  }

  /** The IR layer with the given learned scale and shift and the current running statistics. */
  Layer.BatchNorm export(INDArray gamma, INDArray beta) {
    return new Layer.BatchNorm(
        gamma.dup('c'), beta.dup('c'), runningMean.dup('c'), runningVariance.dup('c'), epsilon);
  }
}
