package org.bsnn.plugins.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The optimizer step on all parameters at once (one flat vector), with PyTorch's semantics so the
 * reference recipes carry over: weight decay is an L2 term added to the gradient before the
 * update ({@code weight_decay} of {@code torch.optim.SGD} and {@code torch.optim.Adam}).
 *
 * <ul>
 *   <li>SGD: {@code b = mu b + g} ({@code b = g} at the first step), {@code d = g + mu b} with
 *       Nesterov else {@code b}, {@code p -= lr d}.
 *   <li>Adam: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2}, {@code p -= lr (m / (1 -
 *       b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}.
 * </ul>
 *
 * <p>The state (momentum buffer, moments, step count) is exposed for checkpoints.
 */
abstract class FlatOptimizer {

  /** Steps taken so far. */
  protected long steps;

  /** Creates the optimizer of a plan for {@code n} parameters. */
  static FlatOptimizer of(TrainingPlan plan, long n) {
    return "adam".equals(plan.optimizer())
        ? new Adam(plan.beta1(), plan.beta2(), plan.epsilon(), n)
        : new Sgd(plan.momentum(), plan.nesterov(), n);
  }

  /**
   * One update. {@code gradient} is used as scratch space and holds garbage afterwards.
   *
   * @param params flat parameters, updated in place
   * @param gradient flat gradients of the loss, same length
   */
  final void step(INDArray params, INDArray gradient, double learningRate, double weightDecay) {
    if (weightDecay > 0) {
      Nd4j.getBlasWrapper().level1().axpy(params.length(), weightDecay, params, gradient);
    }
    steps++;
    update(params, gradient, learningRate);
  }

  protected abstract void update(INDArray params, INDArray gradient, double learningRate);

  /** The state arrays by name (live, not copies) and the step count. */
  abstract Map<String, INDArray> state();

  /** Steps taken so far. */
  long steps() {
    return steps;
  }

  /** Restores the state saved from {@link #state()} after {@code steps} steps. */
  void restore(Map<String, INDArray> saved, long steps) {
    Map<String, INDArray> live = state();
    for (Map.Entry<String, INDArray> e : live.entrySet()) {
      INDArray value = saved.get(e.getKey());
      if (value == null || value.length() != e.getValue().length()) {
        throw new IllegalArgumentException("checkpoint optimizer state '" + e.getKey() + "' is missing or has the "
            + "wrong size");
      }
      e.getValue().assign(value.reshape(e.getValue().shape()));
    }
    this.steps = steps;
  }

  /** SGD with (optionally Nesterov) momentum, dampening 0. */
  static final class Sgd extends FlatOptimizer {
    private final double momentum;
    private final boolean nesterov;
    private final INDArray buffer;

    Sgd(double momentum, boolean nesterov, long n) {
      this.momentum = momentum;
      this.nesterov = nesterov;
      this.buffer = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, n);
    }

    @Override
    protected void update(INDArray params, INDArray gradient, double learningRate) {
      INDArray direction = gradient;
      if (momentum > 0) {
        if (steps == 1) {
          buffer.assign(gradient);
        } else {
          buffer.muli(momentum).addi(gradient);
        }
        if (nesterov) {
          Nd4j.getBlasWrapper().level1().axpy(gradient.length(), momentum, buffer, gradient);
        } else {
          direction = buffer;
        }
      }
      Nd4j.getBlasWrapper().level1().axpy(params.length(), -learningRate, direction, params);
    }

    @Override
    Map<String, INDArray> state() {
      return Map.of("momentum", buffer);
    }
  }

  /** Adam with bias-corrected moments. */
  static final class Adam extends FlatOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final INDArray m;
    private final INDArray v;

    Adam(double beta1, double beta2, double epsilon, long n) {
      this.beta1 = beta1;
      this.beta2 = beta2;
      this.epsilon = epsilon;
      this.m = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, n);
      this.v = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, n);
    }

    @Override
    protected void update(INDArray params, INDArray gradient, double learningRate) {
      long n = params.length();
      m.muli(beta1);
      Nd4j.getBlasWrapper().level1().axpy(n, 1 - beta1, gradient, m);
      v.muli(beta2);
      gradient.muli(gradient);
      Nd4j.getBlasWrapper().level1().axpy(n, 1 - beta2, gradient, v);
      double correction1 = 1 - Math.pow(beta1, steps);
      double correction2 = 1 - Math.pow(beta2, steps);
      // denominator sqrt(v / c2) + eps, written into the gradient's buffer
      Transforms.sqrt(gradient.assign(v), false).divi(Math.sqrt(correction2)).addi(epsilon);
      try (INDArray step = m.div(gradient)) {
        Nd4j.getBlasWrapper().level1().axpy(n, -learningRate / correction1, step, params);
      }
    }

    @Override
    Map<String, INDArray> state() {
      Map<String, INDArray> state = new LinkedHashMap<>();
      state.put("m", m);
      state.put("v", v);
      return state;
    }
  }
}
