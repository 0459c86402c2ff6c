package org.bsnn.plugins.interop;

import org.bsnn.api.config.Doc;

/**
 * Config of the {@code pytorch} trainer.
 *
 * @param path the .pt/.pth state_dict; relative paths start at the checkout root
 * @param binary import conv and dense weights that are exactly ±alpha per output as binary weights;
 *     {@code false} keeps every layer full precision
 */
public record PyTorchConfig(
    @Doc(
            "the PyTorch state_dict (.pt/.pth from torch.save(model.state_dict(), path), zip or legacy format) to load "
                + "into the model stage's network instead of training; relative to the checkout root "
                + "(system property bsnn.home), else the working directory; required")
        String path,
    @Doc(
            "load conv and dense weights that are exactly +alpha or -alpha for each output as binary "
                + "weights (signs, alpha), so the bit-packed backends run them; false keeps full precision")
        boolean binary) {

  /** Normalises a missing path to "" (the trainer reports it when it runs). */
  public PyTorchConfig {
    path = path == null ? "" : path.trim();
  }
}
