package org.bsnn.plugins.conversion;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.stage.Converter;

/** Provides the {@code if-neuron} converter. */
public final class IfNeuronProvider implements PluginProvider<Converter, IfNeuronConfig> {
  @Override
  public String id() {
    return "if-neuron";
  }

  @Override
  public Class<Converter> stage() {
    return Converter.class;
  }

  @Override
  public Class<IfNeuronConfig> configType() {
    return IfNeuronConfig.class;
  }

  @Override
  public IfNeuronConfig defaults() {
    return new IfNeuronConfig(ResetMode.SUBTRACT, IfNeuronConfig.ThresholdMode.WEIGHT_SCALING, Encoding.DIRECT,
        Propagation.PIPELINED, Readout.POTENTIAL);
  }

  @Override
  public Converter create(IfNeuronConfig config) {
    return new IfNeuronConverter(config);
  }

  @Override
  public String description() {
    return "ReLU to integrate-and-fire conversion with threshold balancing by weight scaling (Diehl 2015, Lu & Sengupta 2020).";
  }
}
