package org.bsnn.plugins.models;

import java.util.List;
import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Architecture;

/** Provides the {@code mlp} model. */
public final class MlpProvider extends AbstractPluginProvider<Architecture, MlpConfig> {
  /** Registers the plugin. */
  public MlpProvider() {
    super(
        "mlp",
        Architecture.class,
        MlpConfig.class,
        new MlpConfig(List.of(256), false),
        "Multilayer perceptron (flatten, dense+ReLU hidden layers, dense output), Kaiming-normal init, no biases by default.");
  }

  @Override
  public Architecture create(MlpConfig config) {
    return new MlpArchitecture(config);
  }
}
