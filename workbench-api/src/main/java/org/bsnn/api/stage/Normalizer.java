package org.bsnn.api.stage;

import org.bsnn.api.data.DataSplit;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.run.RunContext;

/**
 * Threshold balancing: computes one scale (lambda) per spiking layer, or per channel, from the
 * ANN's activations on calibration data. It does not modify the network; the converter applies the
 * scales.
 */
public non-sealed interface Normalizer extends Stage {

  /**
   * Computes per-layer scales.
   *
   * @param ann the trained network
   * @param calibration the calibration images (usually the first N training images, unaugmented)
   * @return lambda for every ReLU node, keyed by node name
   */
  LayerScales calibrate(Network ann, DataSplit calibration, RunContext context);
}
