package org.bsnn.plugins.training;

import java.util.List;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Trainer;

/** Provides the {@code sgd} trainer. */
public final class SgdProvider implements PluginProvider<Trainer, SgdConfig> {
  @Override
  public String id() {
    return "sgd";
  }

  @Override
  public Class<Trainer> stage() {
    return Trainer.class;
  }

  @Override
  public Class<SgdConfig> configType() {
    return SgdConfig.class;
  }

  /** The paper's CIFAR-100 full-precision recipe: 200 epochs, batch 256, lr 0.05 /10 at 81 and 122. */
  @Override
  public SgdConfig defaults() {
    return new SgdConfig(200, 256, 0.05, 0.9, false, 1e-4, 0, "multi-step", List.of(81, 122), 30, 0.1,
        "xnor-net", true, 0);
  }

  @Override
  public Trainer create(SgdConfig config) {
    return new GradientTrainer(id(), config.plan(), config.init());
  }

  @Override
  public String description() {
    return "Backpropagation on DL4J with SGD + momentum (PyTorch semantics), weight decay, multi-step/step "
        + "schedules, checkpoints; binary-weight training through the binarizer with a straight-through gradient.";
  }
}
