package org.bsnn.plugins.training;

import org.bsnn.api.config.Doc;

/**
 * Config of the {@code checkpoint} trainer.
 *
 * @param path the saved network: a directory with {@code network.json}, a job directory (with
 *     {@code network/}) or a run directory with a single job; relative paths start at the checkout
 *     root
 */
public record CheckpointConfig(
    @Doc(
            "the saved network to load instead of training: a directory holding network.json (NetworkIO), a run's "
                + "job directory (results/runs/<experiment>/<run>/jobs/<n>, which holds network/) or a run directory "
                + "with a single job; relative to the checkout root (system property bsnn.home), else the working "
                + "directory; required")
        String path) {

  /** Normalises a missing path to "" (the trainer reports it when it runs). */
  public CheckpointConfig {
    path = path == null ? "" : path.trim();
  }
}
