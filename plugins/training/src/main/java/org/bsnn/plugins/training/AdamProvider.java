package org.bsnn.plugins.training;

import java.util.List;
import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Trainer;

/** Provides the {@code adam} trainer. */
public final class AdamProvider extends AbstractPluginProvider<Trainer, AdamConfig> {
  /**
   * Registers the plugin. The defaults are the paper's CIFAR-100 binary recipe: 200 epochs, batch
   * 256, lr 5e-4 halved every 30, wd 5e-4 until 30.
   */
  public AdamProvider() {
    super(
        "adam",
        Trainer.class,
        AdamConfig.class,
        new AdamConfig(
            200,
            256,
            5e-4,
            0.9,
            0.999,
            1e-8,
            5e-4,
            30,
            "step",
            List.of(),
            30,
            0.5,
            "xnor-net",
            true,
            0),
        "Backpropagation on DL4J with Adam (PyTorch semantics, betas incl. (0, 0.999)), weight decay, "
            + "schedules, checkpoints; binary-weight training through the binarizer with a straight-through gradient.");
  }

  @Override
  public Trainer create(AdamConfig config) {
    return new GradientTrainer(id(), config.plan(), config.init());
  }
}
