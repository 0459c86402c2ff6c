package org.bsnn.plugins.models;

import org.bsnn.api.config.ConfigChecks;
import org.bsnn.api.config.Doc;

/**
 * Config of {@link Vgg15abArchitecture}.
 *
 * @param head "cifar" (32x32 input, fc 512 -> 4096 -> classes) or "imagenet" (224x224 input, fc
 *     25088 -> 4096 -> classes)
 * @param classes expected class count, checked against the dataset; 0 = take the dataset's
 * @param dropout drop probability (the paper: 0.1)
 * @param pooling "avg" (the paper's final choice) or "max"
 * @param poolBeforeRelu pool before ReLU (the paper's final choice) or after
 */
public record Vgg15abConfig(
    @Doc(
            "input head: cifar (32x32, fc 512->4096->classes) or imagenet (224x224, fc 25088->4096->classes)")
        String head,
    @Doc("expected number of classes, checked against the dataset; 0 = the dataset's") int classes,
    @Doc("dropout probability in [0, 1) (the paper: 0.1)") double dropout,
    @Doc("pooling: avg (the paper's vgg15ab) or max (the variants the authors compared)")
        String pooling,
    @Doc("pool before the ReLU (vgg15ab) or after it (the compared variants)")
        boolean poolBeforeRelu) {

  /** Validates the values. */
  public Vgg15abConfig {
    if (!"cifar".equals(head) && !"imagenet".equals(head)) {
      throw new IllegalArgumentException("head must be cifar or imagenet, got '" + head + "'");
    }
    if (classes < 0 || classes == 1) {
      throw new IllegalArgumentException(
          "classes must be 0 (from the dataset) or at least 2, got " + classes);
    }
    ConfigChecks.inClosedOpen("dropout", dropout, 0, 1);
    if (!"avg".equals(pooling) && !"max".equals(pooling)) {
      throw new IllegalArgumentException("pooling must be avg or max, got '" + pooling + "'");
    }
  }

  /** Input height and width of the head. */
  int inputSize() {
    return "cifar".equals(head) ? 32 : 224;
  }
}
