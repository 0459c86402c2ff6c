package org.bsnn.plugins.interop;

import org.bsnn.api.config.Doc;

/**
 * Config of the {@code onnx} trainer.
 *
 * @param path the .onnx file; relative paths start at the checkout root
 * @param binary import conv and dense layers whose weights per output are exactly ±alpha as binary
 *     weights; {@code false} keeps every layer full precision
 */
public record OnnxConfig(
    @Doc(
            "the ONNX model to import instead of training (as torch.onnx.export writes it); relative to the "
                + "checkout root (system property bsnn.home), else the working directory; required")
        String path,
    @Doc(
            "import conv and dense layers whose weights for each output are exactly +alpha or -alpha as binary "
                + "weights (signs, alpha), so the bit-packed backends run them; false keeps full precision")
        boolean binary) {

  /** Normalises a missing path to "" (the trainer reports it when it runs). */
  public OnnxConfig {
    path = path == null ? "" : path.trim();
  }
}
