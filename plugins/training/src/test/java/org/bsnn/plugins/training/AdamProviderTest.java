package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Trainer;
import org.junit.jupiter.api.Test;

class AdamProviderTest implements PluginProviderContract<Trainer, AdamConfig> {
  @Override
  public PluginProvider<Trainer, AdamConfig> provider() {
    return new AdamProvider();
  }

  @Test
  void defaultsAreThePapersBinaryCifarRecipe() {
    TrainingPlan plan = new AdamProvider().defaults().plan();
    assertEquals(5e-4, plan.learningRate(29));
    assertEquals(2.5e-4, plan.learningRate(30));
    assertEquals(5e-4, plan.weightDecay(29));
    assertEquals(0.0, plan.weightDecay(30));
    assertEquals(256, plan.batchSize());
  }

  @Test
  void acceptsBeta1ZeroAsTheImagenetRecipe() {
    AdamConfig d = new AdamProvider().defaults();
    AdamConfig imagenet =
        new AdamConfig(
            100,
            128,
            5e-4,
            0.0,
            0.999,
            1e-8,
            5e-4,
            30,
            "step",
            List.of(),
            30,
            0.5,
            "xnor-net",
            true,
            0);
    assertEquals(0.0, imagenet.plan().beta1());
    assertNotEquals(d, imagenet);
  }
}
