package org.bsnn.plugins.training;

import org.bsnn.api.stage.Trainer;
import org.junit.jupiter.api.Test;

class AdamProviderTest {
  @Test
  void defaultsAreThePapersBinaryCifarRecipe() {
    TrainingPlan plan = new AdamProvider().defaults().plan();
    org.junit.jupiter.api.Assertions.assertEquals(5e-4, plan.learningRate(29));
    org.junit.jupiter.api.Assertions.assertEquals(2.5e-4, plan.learningRate(30));
    org.junit.jupiter.api.Assertions.assertEquals(5e-4, plan.weightDecay(29));
    org.junit.jupiter.api.Assertions.assertEquals(0.0, plan.weightDecay(30));
    org.junit.jupiter.api.Assertions.assertEquals(256, plan.batchSize());
  }

  @Test
  void acceptsBeta1ZeroAsTheImagenetRecipe() {
    AdamConfig d = new AdamProvider().defaults();
    AdamConfig imagenet = new AdamConfig(100, 128, 5e-4, 0.0, 0.999, 1e-8, 5e-4, 30, "step", java.util.List.of(), 30,
        0.5, "xnor-net", true, 0);
    org.junit.jupiter.api.Assertions.assertEquals(0.0, imagenet.plan().beta1());
    org.junit.jupiter.api.Assertions.assertNotEquals(d, imagenet);
  }

  @Test
  void providesTheDocumentedPlugin() {
    ProviderChecks.check(new AdamProvider(), "adam", Trainer.class);
  }
}
