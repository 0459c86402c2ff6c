package org.bsnn.plugins.interop;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Trainer;

/** Provides the {@code pytorch} trainer, which loads a PyTorch state_dict instead of training. */
public final class PyTorchProvider extends AbstractPluginProvider<Trainer, PyTorchConfig> {
  /**
   * Registers the plugin; the default has no path, so an experiment must name one ({@code train:
   * {plugin: pytorch, path: ...}}).
   */
  public PyTorchProvider() {
    super(
        "pytorch",
        Trainer.class,
        PyTorchConfig.class,
        new PyTorchConfig("", true),
        "Loads a PyTorch state_dict (.pt/.pth) into the model stage's network by parameter order and "
            + "shape instead of training; recognises binary (±alpha) layers and records the file's "
            + "SHA-256 in provenance.");
  }

  @Override
  public Trainer create(PyTorchConfig config) {
    return new PyTorchTrainer(config);
  }
}
