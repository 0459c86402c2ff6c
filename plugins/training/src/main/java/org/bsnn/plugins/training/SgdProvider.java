package org.bsnn.plugins.training;

import java.util.List;
import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Trainer;

/** Provides the {@code sgd} trainer. */
public final class SgdProvider extends AbstractPluginProvider<Trainer, SgdConfig> {
  /**
   * Registers the plugin. The defaults are the paper's CIFAR-100 full-precision recipe: 200 epochs,
   * batch 256, lr 0.05 /10 at 81 and 122.
   */
  public SgdProvider() {
    super(
        "sgd",
        Trainer.class,
        SgdConfig.class,
        new SgdConfig(
            200,
            256,
            0.05,
            0.9,
            false,
            1e-4,
            0,
            "multi-step",
            List.of(81, 122),
            30,
            0.1,
            "xnor-net",
            true,
            0),
        "Backpropagation on DL4J with SGD + momentum (PyTorch semantics), weight decay, multi-step/step "
            + "schedules, checkpoints; binary-weight training through the binarizer with a straight-through gradient.");
  }

  @Override
  public Trainer create(SgdConfig config) {
    return new GradientTrainer(id(), config.plan(), config.init());
  }
}
