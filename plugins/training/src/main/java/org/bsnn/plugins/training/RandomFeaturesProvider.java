package org.bsnn.plugins.training;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Trainer;

/** Provides the {@code random-features} trainer. */
public final class RandomFeaturesProvider
    extends AbstractPluginProvider<Trainer, RandomFeaturesConfig> {
  /** Registers the plugin. */
  public RandomFeaturesProvider() {
    super(
        "random-features",
        Trainer.class,
        RandomFeaturesConfig.class,
        new RandomFeaturesConfig(1e-3, 256, 0),
        "Random hidden layers with a ridge-regression output layer (extreme learning machine); seconds on a CPU.");
  }

  @Override
  public Trainer create(RandomFeaturesConfig config) {
    return new RandomFeaturesTrainer(config);
  }
}
