package org.bsnn.plugins.interop;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Trainer;

/** Provides the {@code onnx} trainer, which imports an ONNX model instead of training. */
public final class OnnxProvider extends AbstractPluginProvider<Trainer, OnnxConfig> {
  /**
   * Registers the plugin; the default has no path, so an experiment must name one ({@code train:
   * {plugin: onnx, path: ...}}).
   */
  public OnnxProvider() {
    super(
        "onnx",
        Trainer.class,
        OnnxConfig.class,
        new OnnxConfig("", true),
        "Imports an ONNX model (e.g. from torch.onnx.export) instead of training; checks it against the "
            + "dataset, recognises binary (±alpha) layers and records the file's SHA-256 in provenance.");
  }

  @Override
  public Trainer create(OnnxConfig config) {
    return new OnnxTrainer(config);
  }
}
