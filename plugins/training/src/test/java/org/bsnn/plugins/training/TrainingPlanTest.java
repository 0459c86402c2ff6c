package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingPlanTest {

  private static TrainingPlan plan(
      String schedule, List<Integer> milestones, int step, double gamma, int wdEpochs) {
    return new TrainingPlan(
        "sgd",
        200,
        256,
        0.05,
        schedule,
        milestones,
        step,
        gamma,
        1e-4,
        wdEpochs,
        0.9,
        false,
        0.9,
        0.999,
        1e-8,
        "xnor-net",
        true,
        0);
  }

  @Test
  void multiStepDividesByTenAfterEachMilestoneAsPyTorch() {
    TrainingPlan p = plan("multi-step", List.of(81, 122), 30, 0.1, 0);
    assertEquals(0.05, p.learningRate(0), 1e-12);
    assertEquals(0.05, p.learningRate(80), 1e-12, "epoch 81 (1-based) still at the initial rate");
    assertEquals(0.005, p.learningRate(81), 1e-12);
    assertEquals(0.005, p.learningRate(121), 1e-12);
    assertEquals(0.0005, p.learningRate(122), 1e-12);
    assertEquals(0.0005, p.learningRate(199), 1e-12);
  }

  @Test
  void stepHalvesEveryKEpochs() {
    TrainingPlan p = plan("step", List.of(), 30, 0.5, 0);
    assertEquals(0.05, p.learningRate(29), 1e-12);
    assertEquals(0.025, p.learningRate(30), 1e-12);
    assertEquals(0.0125, p.learningRate(60), 1e-12);
  }

  @Test
  void constantIgnoresMilestones() {
    assertEquals(0.05, plan("constant", List.of(1), 1, 0.1, 0).learningRate(150), 1e-12);
  }

  @Test
  void weightDecayGoesToZeroAfterEpochK() {
    TrainingPlan p = plan("constant", List.of(), 1, 1, 30);
    assertEquals(1e-4, p.weightDecay(29));
    assertEquals(0.0, p.weightDecay(30));
    assertEquals(1e-4, plan("constant", List.of(), 1, 1, 0).weightDecay(199), "0 = always");
  }

  @Test
  void invalidValuesNameTheKey() {
    for (Runnable bad :
        List.<Runnable>of(
            () -> plan("cosine", List.of(), 1, 0.1, 0),
            () -> plan("step", List.of(), 0, 0.1, 0),
            () -> plan("multi-step", List.of(0), 1, 0.1, 0),
            () -> plan("step", List.of(), 1, 0, 0),
            () ->
                new TrainingPlan(
                    "adam",
                    1,
                    1,
                    1e-3,
                    "constant",
                    List.of(),
                    1,
                    1,
                    0,
                    0,
                    0,
                    false,
                    1.0,
                    0.999,
                    1e-8,
                    "xnor-net",
                    true,
                    0),
            () ->
                new TrainingPlan(
                    "sgd",
                    1,
                    1,
                    1e-3,
                    "constant",
                    List.of(),
                    1,
                    1,
                    0,
                    0,
                    0,
                    true,
                    0.9,
                    0.999,
                    1e-8,
                    "xnor-net",
                    true,
                    0),
            () ->
                new TrainingPlan(
                    "sgd",
                    1,
                    1,
                    1e-3,
                    "constant",
                    List.of(),
                    1,
                    1,
                    0,
                    0,
                    0.9,
                    false,
                    0.9,
                    0.999,
                    1e-8,
                    "magic",
                    true,
                    0))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
      assertTrue(e.getMessage().matches("^[a-zA-Z0-9]+ .*"), e.getMessage());
    }
  }
}
