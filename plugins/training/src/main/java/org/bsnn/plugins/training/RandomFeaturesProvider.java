package org.bsnn.plugins.training;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Trainer;

/** Provides the {@code random-features} trainer. */
public final class RandomFeaturesProvider implements PluginProvider<Trainer, RandomFeaturesConfig> {
  @Override
  public String id() {
    return "random-features";
  }

  @Override
  public Class<Trainer> stage() {
    return Trainer.class;
  }

  @Override
  public Class<RandomFeaturesConfig> configType() {
    return RandomFeaturesConfig.class;
  }

  @Override
  public RandomFeaturesConfig defaults() {
    return new RandomFeaturesConfig(1e-3, 256, 0);
  }

  @Override
  public Trainer create(RandomFeaturesConfig config) {
    return new RandomFeaturesTrainer(config);
  }

  @Override
  public String description() {
    return "Random hidden layers with a ridge-regression output layer (extreme learning machine); seconds on a CPU.";
  }
}
