package org.bsnn.plugins.training;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Trainer;

/** Provides the {@code checkpoint} trainer, which loads a saved network instead of training. */
public final class CheckpointProvider implements PluginProvider<Trainer, CheckpointConfig> {

  @Override
  public String id() {
    return "checkpoint";
  }

  @Override
  public Class<Trainer> stage() {
    return Trainer.class;
  }

  @Override
  public Class<CheckpointConfig> configType() {
    return CheckpointConfig.class;
  }

  /** No path: an experiment must name one ({@code train: {path: ...}}). */
  @Override
  public CheckpointConfig defaults() {
    return new CheckpointConfig("");
  }

  @Override
  public Trainer create(CheckpointConfig config) {
    return new CheckpointTrainer(config);
  }

  @Override
  public String description() {
    return "Loads a saved network (network.json directory, a run's job directory or a single-job run) instead of "
        + "training; checks it against the dataset and records the files' SHA-256 in provenance.";
  }
}
