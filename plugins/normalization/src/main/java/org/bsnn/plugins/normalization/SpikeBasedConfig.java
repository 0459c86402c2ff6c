package org.bsnn.plugins.normalization;

import java.util.Objects;
import org.bsnn.api.config.ConfigChecks;
import org.bsnn.api.config.Doc;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.ResetMode;

/**
 * Config of {@link SpikeBasedNormalizer}.
 *
 * @param samples calibration images (the first N training images)
 * @param timesteps timesteps simulated per layer
 * @param percentile percentile of the layer's input current taken as its lambda; 100 is the maximum
 *     (Sengupta 2019)
 * @param batchSize images simulated together
 * @param reset reset of the already balanced layers during calibration
 * @param encoding input encoding during calibration
 */
public record SpikeBasedConfig(
    @Doc("calibration images, the first N training images, >= 1") int samples,
    @Doc("timesteps simulated per layer, >= 1 (Sengupta 2019 used the full simulation length)")
        int timesteps,
    @Doc(
            "percentile of the per-timestep input current used as lambda, in (0, 100]; 100 = maximum, the paper's rule")
        double percentile,
    @Doc("images simulated together, >= 1") int batchSize,
    @Doc(
            "reset of the already balanced layers during calibration: subtract or zero (match the converter)")
        ResetMode reset,
    @Doc("input encoding during calibration: direct or poisson (match the converter)")
        Encoding encoding) {

  /** Validates ranges. */
  public SpikeBasedConfig {
    ConfigChecks.atLeastOne("samples", samples);
    ConfigChecks.atLeastOne("timesteps", timesteps);
    ConfigChecks.inOpenClosed("percentile", percentile, 0, 100);
    ConfigChecks.atLeastOne("batchSize", batchSize);
    Objects.requireNonNull(reset, "reset");
    Objects.requireNonNull(encoding, "encoding");
  }
}
