package org.bsnn.api.stage;

import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.SpikingNetwork;

/** Converts a trained ANN and its layer scales into a spiking network. */
public non-sealed interface Converter extends Stage {

  /**
   * Converts.
   *
   * @param ann the trained network (full precision or with binary weights)
   * @param scales per-layer lambdas from the normalizer ({@link LayerScales#unit()} when none ran)
   * @throws org.bsnn.api.network.UnsupportedLayerException for a layer it cannot convert, naming
   *     the node
   */
  SpikingNetwork convert(Network ann, LayerScales scales, RunContext context);
}
