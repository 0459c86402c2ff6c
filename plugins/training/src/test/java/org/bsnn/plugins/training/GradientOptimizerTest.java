package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Compares the optimizer with PyTorch's update rules written out in plain doubles. */
class GradientOptimizerTest {

  private static final double[] GRADS = {0.5, -0.3, 0.8};

  private static TrainingPlan plan(
      String optimizer, double momentum, boolean nesterov, double beta1) {
    return new TrainingPlan(
        optimizer,
        1,
        1,
        0.1,
        "constant",
        List.of(),
        1,
        1,
        0.01,
        0,
        momentum,
        nesterov,
        beta1,
        0.999,
        1e-8,
        "xnor-net",
        true,
        0);
  }

  /** Runs three steps on one scalar parameter starting at 1 with the gradients above. */
  private static double run(GradientOptimizer optimizer) {
    Map<String, INDArray> params = new LinkedHashMap<>();
    params.put("p", Nd4j.createFromArray(new float[] {1f}));
    for (double g : GRADS) {
      Map<String, INDArray> grads = new HashMap<>();
      grads.put("p", Nd4j.createFromArray(new float[] {(float) g}));
      optimizer.step(params, grads, 0.1, 0.01);
    }
    return params.get("p").getDouble(0);
  }

  private static double sgdReference(double momentum, boolean nesterov) {
    double p = 1;
    double b = 0;
    for (int t = 0; t < GRADS.length; t++) {
      double g = GRADS[t] + 0.01 * p;
      b = t == 0 ? g : momentum * b + g;
      double d = nesterov ? g + momentum * b : b;
      p -= 0.1 * d;
    }
    return p;
  }

  private static double adamReference(double beta1) {
    double p = 1;
    double m = 0;
    double v = 0;
    for (int t = 1; t <= GRADS.length; t++) {
      double g = GRADS[t - 1] + 0.01 * p;
      m = beta1 * m + (1 - beta1) * g;
      v = 0.999 * v + 0.001 * g * g;
      double mHat = m / (1 - Math.pow(beta1, t));
      double vHat = v / (1 - Math.pow(0.999, t));
      p -= 0.1 * mHat / (Math.sqrt(vHat) + 1e-8);
    }
    return p;
  }

  @Test
  void sgdWithMomentumMatchesPyTorch() {
    assertEquals(
        sgdReference(0.9, false), run(GradientOptimizer.of(plan("sgd", 0.9, false, 0.9))), 1e-6);
  }

  @Test
  void sgdWithNesterovMatchesPyTorch() {
    assertEquals(
        sgdReference(0.9, true), run(GradientOptimizer.of(plan("sgd", 0.9, true, 0.9))), 1e-6);
  }

  @Test
  void plainSgdMatchesPyTorch() {
    assertEquals(
        sgdReference(0, false), run(GradientOptimizer.of(plan("sgd", 0, false, 0.9))), 1e-6);
  }

  @Test
  void adamMatchesPyTorch() {
    assertEquals(adamReference(0.9), run(GradientOptimizer.of(plan("adam", 0, false, 0.9))), 1e-5);
  }

  @Test
  void adamWithBeta1ZeroMatchesPyTorch() {
    assertEquals(adamReference(0.0), run(GradientOptimizer.of(plan("adam", 0, false, 0.0))), 1e-5);
  }

  @Test
  void stateRoundTripsForResume() {
    GradientOptimizer a = GradientOptimizer.of(plan("adam", 0, false, 0.9));
    Map<String, INDArray> params = new LinkedHashMap<>();
    params.put("w", Nd4j.createFromArray(new float[] {1f, 2f}));
    Map<String, INDArray> grads = new HashMap<>();
    grads.put("w", Nd4j.createFromArray(new float[] {0.1f, -0.2f}));
    a.step(params, grads, 0.1, 0);
    GradientOptimizer b = GradientOptimizer.of(plan("adam", 0, false, 0.9));
    Map<String, INDArray> saved = new HashMap<>();
    a.state().forEach((k, v) -> saved.put(k, v.dup()));
    b.restore(saved, a.steps());
    Map<String, INDArray> pa = Map.of("w", params.get("w").dup());
    Map<String, INDArray> pb = Map.of("w", params.get("w").dup());
    a.step(pa, Map.of("w", Nd4j.createFromArray(new float[] {0.3f, 0.1f})), 0.1, 0);
    b.step(pb, Map.of("w", Nd4j.createFromArray(new float[] {0.3f, 0.1f})), 0.1, 0);
    assertEquals(pa.get("w"), pb.get("w"));
    assertEquals(List.of("m:w", "v:w"), List.copyOf(a.state().keySet()));
    assertEquals(
        "m:conv1/weight", GradientTrainer.stateName(GradientTrainer.fileName("m:conv1/weight")));
  }
}
