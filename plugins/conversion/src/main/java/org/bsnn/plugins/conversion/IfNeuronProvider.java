package org.bsnn.plugins.conversion;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.stage.Converter;

/** Provides the {@code if-neuron} converter. */
public final class IfNeuronProvider extends AbstractPluginProvider<Converter, IfNeuronConfig> {
  /** Registers the plugin. */
  public IfNeuronProvider() {
    super(
        "if-neuron",
        Converter.class,
        IfNeuronConfig.class,
        new IfNeuronConfig(
            ResetMode.SUBTRACT,
            IfNeuronConfig.ThresholdMode.WEIGHT_SCALING,
            Encoding.DIRECT,
            Propagation.PIPELINED,
            Readout.POTENTIAL),
        "ReLU to integrate-and-fire conversion with threshold balancing by weight scaling (Diehl 2015, Lu & Sengupta 2020);"
            + " QCFS layers (Bu et al. 2022, Optimal ANN-SNN Conversion for High-accuracy and"
            + " Ultra-low-latency SNNs) take their trained clip value as threshold.");
  }

  @Override
  public Converter create(IfNeuronConfig config) {
    return new IfNeuronConverter(config);
  }
}
