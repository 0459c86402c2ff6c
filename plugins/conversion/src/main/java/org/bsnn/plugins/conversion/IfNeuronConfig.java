package org.bsnn.plugins.conversion;

import java.util.Objects;
import org.bsnn.api.config.Doc;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;

/**
 * Config of {@link IfNeuronConverter}.
 *
 * @param reset reset by subtraction or to zero
 * @param thresholds how lambdas are applied
 * @param encoding input encoding
 * @param propagation pipelined (one step of delay per layer) or same-step
 * @param readout potential or spike-count readout
 */
public record IfNeuronConfig(
    @Doc("reset after a spike: subtract (keep surplus, the paper) or zero") ResetMode reset,
    @Doc(
            "weight-scaling: W*lambda_prev/lambda with threshold 1 (the paper); layer-threshold: threshold lambda (one per channel for channel-wise lambdas) on W*lambda_prev")
        ThresholdMode thresholds,
    @Doc("input encoding: direct (constant analog current, the paper) or poisson")
        Encoding encoding,
    @Doc("pipelined (one step of delay per layer, reference default) or same_step")
        Propagation propagation,
    @Doc(
            "prediction from the output's accumulated potential (the paper) or from spike counts (spike_count: the output layer spikes, with the normalizer's output lambda as threshold; ties go to the higher potential)")
        Readout readout) {

  /** How thresholds are realised; both give identical spike trains up to rounding. */
  public enum ThresholdMode {
    /** Weights scaled by lambda_{l-1}/lambda_l, every threshold 1. */
    WEIGHT_SCALING,
    /**
     * Weights scaled by lambda_{l-1} only, threshold lambda_l ([C, 1, 1] or [features] when
     * channel-wise).
     */
    LAYER_THRESHOLD
  }

  /** Checks for nulls. */
  public IfNeuronConfig {
    Objects.requireNonNull(reset, "reset");
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(propagation, "propagation");
    Objects.requireNonNull(readout, "readout");
  }
}
