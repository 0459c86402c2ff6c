package org.bsnn.plugins.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The optimizer step, with PyTorch's semantics so the reference recipes carry over: weight decay is
 * an L2 term added to every gradient before the update ({@code weight_decay} of {@code
 * torch.optim.SGD} and {@code torch.optim.Adam}).
 *
 * <ul>
 *   <li>SGD: {@code b = mu b + g} ({@code b = g} at the first step), {@code d = g + mu b} with
 *       Nesterov else {@code b}, {@code p -= lr d} (dampening 0).
 *   <li>Adam: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2}, {@code p -= lr (m / (1 -
 *       b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}.
 * </ul>
 *
 * <p>The state (momentum buffers or moments per parameter, and the step count) is exposed for
 * checkpoints.
 */
abstract class GradientOptimizer {

  /** Steps taken so far. */
  protected long steps;

  /** Per state kind ("momentum", "m", "v"), per parameter name: the buffer. */
  protected final Map<String, Map<String, INDArray>> state = new LinkedHashMap<>();

  /** Creates the optimizer of a plan. */
  static GradientOptimizer of(TrainingPlan plan) {
    return "adam".equals(plan.optimizer())
        ? new Adam(plan.beta1(), plan.beta2(), plan.epsilon())
        : new Sgd(plan.momentum(), plan.nesterov());
  }

  /**
   * One update of every parameter. The gradients are used as scratch space.
   *
   * @param params parameters by name, updated in place
   * @param gradients gradients by the same names
   */
  final void step(
      Map<String, INDArray> params,
      Map<String, INDArray> gradients,
      double learningRate,
      double weightDecay) {
    steps++;
    for (Map.Entry<String, INDArray> e : params.entrySet()) {
      INDArray p = e.getValue();
      INDArray g = gradients.get(e.getKey());
      if (g == null) {
        throw new IllegalStateException("no gradient for parameter " + e.getKey());
      }
      if (weightDecay > 0) {
        try (INDArray decay = p.mul(weightDecay)) {
          g.addi(decay);
        }
      }
      update(e.getKey(), p, g, learningRate);
    }
  }

  protected abstract void update(
      String name, INDArray param, INDArray gradient, double learningRate);

  /** The buffer of one state kind for one parameter, created as zeros. */
  protected INDArray buffer(String kind, String name, INDArray like) {
    return state
        .computeIfAbsent(kind, k -> new LinkedHashMap<>())
        .computeIfAbsent(name, n -> Nd4j.zeros(DataType.FLOAT, like.shape()));
  }

  /** The state: "kind:parameter" to its live buffer. */
  Map<String, INDArray> state() {
    Map<String, INDArray> out = new LinkedHashMap<>();
    state.forEach((kind, buffers) -> buffers.forEach((name, b) -> out.put(kind + ":" + name, b)));
    return out;
  }

  /** Steps taken so far. */
  long steps() {
    return steps;
  }

  /** Restores a state saved from {@link #state()} after {@code steps} steps. */
  void restore(Map<String, INDArray> saved, long steps) {
    state.clear();
    for (Map.Entry<String, INDArray> e : saved.entrySet()) {
      int colon = e.getKey().indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("bad optimizer state name " + e.getKey());
      }
      state
          .computeIfAbsent(e.getKey().substring(0, colon), k -> new LinkedHashMap<>())
          .put(e.getKey().substring(colon + 1), e.getValue().castTo(DataType.FLOAT).dup('c'));
    }
    this.steps = steps;
  }

  /** SGD with (optionally Nesterov) momentum. */
  static final class Sgd extends GradientOptimizer {
    private final double momentum;
    private final boolean nesterov;

    Sgd(double momentum, boolean nesterov) {
      this.momentum = momentum;
      this.nesterov = nesterov;
    }

    @Override
    protected void update(String name, INDArray param, INDArray gradient, double learningRate) {
      INDArray direction = gradient;
      if (momentum > 0) {
        boolean first = !state.containsKey("momentum") || !state.get("momentum").containsKey(name);
        INDArray buffer = buffer("momentum", name, param);
        if (first) {
          buffer.assign(gradient);
        } else {
          buffer.muli(momentum).addi(gradient);
        }
        if (nesterov) {
          try (INDArray ahead = buffer.mul(momentum)) {
            gradient.addi(ahead);
          }
        } else {
          direction = buffer;
        }
      }
      try (INDArray delta = direction.mul(learningRate)) {
        param.subi(delta);
      }
    }
  }

  /** Adam with bias-corrected moments. */
  static final class Adam extends GradientOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    Adam(double beta1, double beta2, double epsilon) {
      this.beta1 = beta1;
      this.beta2 = beta2;
      this.epsilon = epsilon;
    }

    @Override
    protected void update(String name, INDArray param, INDArray gradient, double learningRate) {
      INDArray m = buffer("m", name, param);
      INDArray v = buffer("v", name, param);
      try (INDArray scaled = gradient.mul(1 - beta1)) {
        m.muli(beta1).addi(scaled);
      }
      gradient.muli(gradient);
      v.muli(beta2).addi(gradient.muli(1 - beta2));
      double correction1 = 1 - Math.pow(beta1, steps);
      double correction2 = 1 - Math.pow(beta2, steps);
      // denominator sqrt(v / c2) + eps, written into the gradient's buffer
      Transforms.sqrt(gradient.assign(v), false).divi(Math.sqrt(correction2)).addi(epsilon);
      try (INDArray delta = m.div(gradient)) {
        param.subi(delta.muli(learningRate / correction1));
      }
    }
  }
}
