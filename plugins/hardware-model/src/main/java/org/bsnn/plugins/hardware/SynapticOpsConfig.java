package org.bsnn.plugins.hardware;

import org.bsnn.api.config.Doc;

/**
 * Config of {@link SynapticOpsModel}.
 *
 * @param layerSeries also write every layer's cumulative operations per timestep
 */
public record SynapticOpsConfig(
    @Doc(
            "also write a per-timestep series (cumulative, per inference) for every SNN layer, not only the total")
        boolean layerSeries) {}
