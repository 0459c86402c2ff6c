package org.bsnn.plugins.training;

import java.util.List;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Architecture;

/** Provides the {@code mlp} model. */
public final class MlpProvider implements PluginProvider<Architecture, MlpConfig> {
  @Override
  public String id() {
    return "mlp";
  }

  @Override
  public Class<Architecture> stage() {
    return Architecture.class;
  }

  @Override
  public Class<MlpConfig> configType() {
    return MlpConfig.class;
  }

  @Override
  public MlpConfig defaults() {
    return new MlpConfig(List.of(256), false);
  }

  @Override
  public Architecture create(MlpConfig config) {
    return new MlpArchitecture(config);
  }

  @Override
  public String description() {
    return "Multilayer perceptron (flatten, dense+ReLU hidden layers, dense output), Kaiming-normal init, no biases by default.";
  }
}
