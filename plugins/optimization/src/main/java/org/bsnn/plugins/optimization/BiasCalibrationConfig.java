package org.bsnn.plugins.optimization;

import org.bsnn.api.config.Doc;

/**
 * Config of {@link BiasCalibrationOptimizer}.
 *
 * @param images training images calibrated on, drawn at random (seeded by the job)
 * @param timesteps T of the calibration runs: the correction targets the rates after T steps
 * @param batchSize images simulated together
 * @param target what absorbs the correction: the bias, the initial potential, or both halves
 */
public record BiasCalibrationConfig(
    @Doc(
            "training images the SNN is calibrated on, drawn at random with the job's seed (never test images), >= 1")
        int images,
    @Doc(
            "timesteps T of each calibration run; the shifts make the mean rate after T steps match the ANN, >= 1")
        int timesteps,
    @Doc("images simulated together, >= 1") int batchSize,
    @Doc(
            "what is shifted: bias (Li et al.'s bias correction: the mean error per channel is added to"
                + " the bias at every step) or potential (their potential correction: T times that"
                + " error is added to the initial potential once, kept below the threshold)")
        Target target) {

  /** What absorbs the per-channel correction. */
  public enum Target {
    /** The bias of the layer's weighted op: added at every timestep. */
    BIAS,
    /** The initial membrane potential: the whole correction of T steps at once. */
    POTENTIAL
  }

  /** Validates ranges. */
  public BiasCalibrationConfig {
    if (images < 1 || timesteps < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "images, timesteps and batchSize must be >= 1; got "
              + images
              + ", "
              + timesteps
              + ", "
              + batchSize);
    }
    if (target == null) {
      throw new IllegalArgumentException("target must be bias or potential");
    }
  }
}
