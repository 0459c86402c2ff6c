package org.bsnn.plugins.training;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Trainer;

/** Provides the {@code checkpoint} trainer, which loads a saved network instead of training. */
public final class CheckpointProvider extends AbstractPluginProvider<Trainer, CheckpointConfig> {
  /**
   * Registers the plugin; the default has no path, so an experiment must name one ({@code train:
   * {path: ...}}).
   */
  public CheckpointProvider() {
    super(
        "checkpoint",
        Trainer.class,
        CheckpointConfig.class,
        new CheckpointConfig(""),
        "Loads a saved network (network.json directory, a run's job directory or a single-job run) instead of "
            + "training; checks it against the dataset and records the files' SHA-256 in provenance.");
  }

  @Override
  public Trainer create(CheckpointConfig config) {
    return new CheckpointTrainer(config);
  }
}
